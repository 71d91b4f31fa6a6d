using System.CommandLine;

namespace EventDb.Cli;

/// <summary>Opening any EventDb (or other SQLite) file for the generic commands, and naming what it lacks.</summary>
internal static class GenericFile
{
    /// <summary>The <c>PATH</c> argument of the generic commands, which <see cref="Open"/> opens.</summary>
    public static Argument<string> PathArgument() => new("PATH") { Description = "An EventDb file, or a directory holding plugins.db" };

    /// <summary>Opens <paramref name="path"/> read-only: a file, or a directory holding <c>plugins.db</c>.</summary>
    public static EventFile Open(string path)
    {
        if (Directory.Exists(path))
        {
            if (!File.Exists(Path.Join(path, EventFile.DefaultFileName)))
                throw new CliException($"'{path}' is a directory with no {EventFile.DefaultFileName} in it.");
        }
        else if (!File.Exists(path))
        {
            throw new CliException($"'{path}': no such file or directory.");
        }
        return EventFile.OpenRead(path);
    }

    /// <summary>Throws when the file has no table <paramref name="table"/>, naming the tables it has.</summary>
    public static void RequireTable(EventFile file, string table)
    {
        var tables = file.TableNames();
        if (tables.Contains(table, StringComparer.Ordinal))
            return;
        throw new CliException(tables.Count == 0
            ? $"'{file.FilePath}' has no table '{table}': it has no tables at all."
            : $"'{file.FilePath}' has no table '{table}' (its tables: {string.Join(", ", tables)}).");
    }
}
