using System.Globalization;

namespace EventDb.Export.Internals;

/// <summary>One run to export: the SQLite file, the run id it exports under, and the stamp that tells whether it changed.</summary>
internal sealed record RunSource(string Argument, string DatabasePath, string RunId)
{
    /// <summary>
    /// A directory means its <c>plugins.db</c>, and the run id is the directory's name; a file named <c>plugins.db</c>
    /// takes its directory's name too; any other file its own name without the extension.
    /// </summary>
    public static RunSource Resolve(string argument, string? runId)
    {
        var full = Path.GetFullPath(argument);
        string database, name;
        if (Directory.Exists(full))
        {
            database = Path.Combine(full, EventFile.DefaultFileName);
            name = new DirectoryInfo(full).Name;
        }
        else
        {
            database = full;
            name = string.Equals(Path.GetFileName(full), EventFile.DefaultFileName, StringComparison.Ordinal)
                ? new DirectoryInfo(Path.GetDirectoryName(full)!).Name
                : Path.GetFileNameWithoutExtension(full);
        }
        return new RunSource(argument, database, runId ?? name);
    }

    /// <summary>
    /// Why <paramref name="runId"/> cannot be a partition value, or null when it can: it becomes a directory name that
    /// DuckDB, Spark and Hive all read back unchanged (no escaping, no hidden <c>_</c>/<c>.</c> prefix).
    /// </summary>
    public static string? CheckRunId(string runId)
    {
        if (runId.Length is 0 or > 200)
            return $"The run id '{runId}' must have 1 to 200 characters.";
        if (!char.IsAsciiLetterOrDigit(runId[0]))
            return $"The run id '{runId}' must start with a letter or digit (readers skip names starting with '_' or '.').";
        foreach (char c in runId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or '+'))
                return $"The run id '{runId}' has '{c}': use letters, digits, '.', '_', '-' and '+' (give another with --run-id).";
        }
        return null;
    }

    /// <summary>
    /// Size and modification time of the file and of its WAL (a file still in WAL mode keeps recent commits there),
    /// as one string: equal stamps mean an unchanged source.
    /// </summary>
    public string Stamp()
    {
        static string Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists
                ? string.Create(CultureInfo.InvariantCulture, $"{info.Length}@{info.LastWriteTimeUtc.Ticks}")
                : "-";
        }
        return Of(DatabasePath) + ";wal=" + Of(DatabasePath + "-wal");
    }
}
