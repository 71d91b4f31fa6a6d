namespace EventDb.Export.Tests;

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
