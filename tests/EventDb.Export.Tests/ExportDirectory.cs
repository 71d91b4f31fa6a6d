using EventDb.Penguin;
using SQLitePCL;

namespace EventDb.Export.Tests;

/// <summary>A fresh directory under the temp folder for runs and a corpus, deleted with the test.</summary>
internal sealed class ExportDirectory : IDisposable
{
    public ExportDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eventdb-export-tests", Guid.NewGuid().ToString("N"));

    public string Corpus => System.IO.Path.Combine(Path, "corpus");

    public string Run(string name) => System.IO.Path.Combine(Path, "runs", name);

    /// <summary>Exports <paramref name="runs"/> into <see cref="Corpus"/>, with Penguin's schemas unless other options are given.</summary>
    public IReadOnlyList<RunExportResult> Export(IEnumerable<string> runs, ExportOptions? options = null) =>
        CorpusExporter.ExportAsync(runs, Corpus, options ?? new ExportOptions { Schemas = PenguinTables.All }).GetAwaiter().GetResult();

    /// <summary>
    /// Writes a Penguin run of <paramref name="events"/> events of the synthetic trace <paramref name="seed"/> into
    /// <c>runs/NAME/plugins.db</c> with a real EventLogger (appending when it exists), and returns the run's directory.
    /// </summary>
    public string WriteRun(string name, int seed, int events, long start = 0)
    {
        var directory = Run(name);
        var trace = new PenguinTrace(seed, poolSize: Math.Max(events, 1));
        using var logger = EventLogger.Open(new EventLoggerOptions { Directory = directory, Tables = PenguinTables.All });
        for (long i = start; i < start + events; i++)
            trace.AddTo(logger, i);
        return directory;
    }

    /// <summary>A file written by hand with SQLitePCLRaw: <paramref name="statements"/> in one transaction.</summary>
    public string WriteRawRun(string name, params string[] statements)
    {
        var directory = Run(name);
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, EventFile.DefaultFileName);
        Batteries_V2.Init();
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_open(path, out var db));
        using (db)
        {
            foreach (var sql in new[] { "BEGIN" }.Concat(statements).Append("COMMIT"))
                Assert.True(raw.sqlite3_exec(db, sql) == raw.SQLITE_OK, $"{sql}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
        }
        return directory;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failed test; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Reads what a corpus holds through DuckDB, and what a run's SQLite file holds through EventFile.</summary>
internal static class Look
{
    public static List<object?[]> Campaign(string corpus, string sql)
    {
        using var campaign = global::EventDb.Export.Campaign.Open(corpus);
        using var rows = campaign.Query(sql);
        return [.. rows];
    }

    public static object? Scalar(string corpus, string sql) => Campaign(corpus, sql).Single()[0];

    /// <summary>A query's first two columns, text to text (a column's type, encoding, repetition, ...).</summary>
    public static Dictionary<string, string> Pairs(string corpus, string sql) =>
        Campaign(corpus, sql).ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

    /// <summary>The first part file of a table, found by walking its partitions.</summary>
    public static string FirstPart(string corpus, string table) =>
        Directory.EnumerateFiles(System.IO.Path.Combine(corpus, "table=" + table), "*.parquet", SearchOption.AllDirectories).First();

    public static List<object?[]> Sqlite(string run, string sql, params object?[] parameters)
    {
        using var file = EventFile.OpenRead(run);
        return [.. file.Query(sql, parameters)];
    }

    /// <summary>The run's partitions visible to the readers' glob, as <c>table=T/run=R</c>.</summary>
    public static List<string> Partitions(string corpus, string runId) =>
        Directory.Exists(corpus)
            ? [.. Directory.EnumerateDirectories(corpus, "table=*").SelectMany(t => Directory.EnumerateDirectories(t, "run=" + runId))
                .Select(p => System.IO.Path.GetRelativePath(corpus, p))]
            : [];
}
