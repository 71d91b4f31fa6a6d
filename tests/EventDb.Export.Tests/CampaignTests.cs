using System.Globalization;

namespace EventDb.Export.Tests;

/// <summary>Twenty real runs exported once; DuckDB over the corpus must say what the twenty SQLite files say.</summary>
public sealed class CampaignTests(TwentyRuns runs) : IClassFixture<TwentyRuns>
{
    private static readonly string[] s_penguinTables = ["event", "read", "write", "syscall", "exec", "proc_start", "proc_exit"];

    [Fact]
    public void Export_TwentyRuns_EveryRunExportedWithItsRows()
    {
        Assert.All(runs.Results, r => Assert.Equal(ExportStatus.Exported, r.Status));
        Assert.Equal(Enumerable.Range(0, TwentyRuns.Count).Select(i => $"run-{i:D2}"), runs.Results.Select(r => r.RunId));
        Assert.All(runs.Results, r => Assert.Contains(r.Tables, t => t.Table == "syscall" && t.Rows > 3_000));
    }

    [Fact]
    public void Campaign_CountsPerRunAndTable_EqualTheSqliteCounts()
    {
        using var campaign = Campaign.Open(runs.Corpus);
        var duck = new Dictionary<(string Table, string Run), long>();
        foreach (var table in campaign.Tables)
        {
            using var rows = campaign.Query($"SELECT run, count(*) FROM \"{table}\" GROUP BY run");
            foreach (var row in rows)
                duck[(table, (string)row[0]!)] = Convert.ToInt64(row[1], CultureInfo.InvariantCulture);
        }
        long compared = 0;
        foreach (var run in runs.Runs)
        {
            string id = Path.GetFileName(run);
            using var file = EventFile.OpenRead(run);
            var tables = file.Tables();
            Assert.Equal(s_penguinTables.Order(), tables.Select(t => t.Name).Order());
            foreach (var table in tables)
            {
                // An empty table writes no partition: DuckDB then has no row for it, which is the same count.
                Assert.True(table.Rows == duck.GetValueOrDefault((table.Name, id)), $"{id}/{table.Name}: SQLite {table.Rows}, DuckDB {duck.GetValueOrDefault((table.Name, id))}");
                compared += table.Rows;
            }
        }
        Assert.Equal(compared, duck.Values.Sum());
        Assert.True(compared > 2 * 20 * 4_000);
    }

    [Fact]
    public void Campaign_SyscallsPerName_EqualTheSumOverTheTwentySqliteFiles()
    {
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var run in runs.Runs)
        {
            foreach (var row in Look.Sqlite(run, "SELECT name, count(*) FROM syscall GROUP BY name"))
                expected[(string)row[0]!] = expected.GetValueOrDefault((string)row[0]!) + (long)row[1]!;
        }
        var actual = Look.Campaign(runs.Corpus, "SELECT name, count(*) AS calls FROM syscall GROUP BY name ORDER BY name")
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture));
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.True(expected.Count >= 15);
    }

    [Fact]
    public void Campaign_FailedSyscallsPerRun_EqualTheSqliteCounts()
    {
        var actual = Look.Campaign(runs.Corpus, "SELECT run, count(*) FROM syscall WHERE retno < 0 GROUP BY run ORDER BY run");
        Assert.Equal(TwentyRuns.Count, actual.Count);
        foreach (var row in actual)
        {
            var run = runs.Runs.Single(r => Path.GetFileName(r) == (string)row[0]!);
            Assert.Equal((long)Look.Sqlite(run, "SELECT count(*) FROM syscall WHERE retno < 0")[0][0]!, Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Export_ChildTable_IsFlatWithTheBaseColumnsFirstAndItsTypesKept()
    {
        var columns = Look.Campaign(runs.Corpus, "DESCRIBE syscall").Select(r => ((string)r[0]!, (string)r[1]!)).ToList();
        Assert.Equal(
            ["id", "type", "procname", "proc_id", "name", "retno", "retno_repr", "arg0", "arg0_repr", "arg1", "arg1_repr", "arg2", "arg2_repr",
             "arg3", "arg3_repr", "arg4", "arg4_repr", "arg5", "arg5_repr", "run"],
            columns.Select(c => c.Item1));
        var types = columns.ToDictionary(c => c.Item1, c => c.Item2);
        Assert.Equal("BIGINT", types["id"]);
        Assert.Equal("VARCHAR", types["type"]);
        Assert.Equal("BIGINT", types["retno"]);
        Assert.Equal("UBIGINT", types["arg0"]);
        Assert.Equal("UBIGINT", types["arg5"]);
        Assert.Equal("VARCHAR", types["run"]);
        var read = Look.Pairs(runs.Corpus, "DESCRIBE \"read\"");
        Assert.Equal("BLOB", read["buffer"]);
        Assert.Equal("BIGINT", read["fd"]);
        // Every syscall row is of type 'syscall': the discriminator is kept.
        Assert.Equal("syscall", Assert.Single(Look.Campaign(runs.Corpus, "SELECT DISTINCT type FROM syscall"))[0]);
    }

    [Fact]
    public void Export_Nullability_IsKeptInTheParquetSchema()
    {
        var repetition = Look.Pairs(runs.Corpus,
            $"SELECT name, repetition_type FROM parquet_schema('{Look.FirstPart(runs.Corpus, "syscall")}') WHERE num_children IS NULL OR num_children = 0");
        Assert.Equal("REQUIRED", repetition["id"]);
        Assert.Equal("REQUIRED", repetition["type"]);
        Assert.Equal("REQUIRED", repetition["procname"]);
        Assert.Equal("REQUIRED", repetition["name"]);
        Assert.Equal("OPTIONAL", repetition["retno"]);
        Assert.Equal("OPTIONAL", repetition["arg0"]);
        Assert.Equal("OPTIONAL", repetition["arg0_repr"]);
    }

    [Fact]
    public void Export_RepetitiveTextColumns_AreDictionaryEncoded()
    {
        // Text of few distinct values goes out dictionary-encoded: when every text column once went out PLAIN (a Parquet.Net
        // hint keyed on a field type that never matched), grouping by name ran 2-3x slower.
        var encodings = Look.Pairs(runs.Corpus,
            $"SELECT path_in_schema, encodings FROM parquet_metadata('{Look.FirstPart(runs.Corpus, "syscall")}') WHERE row_group_id = 0");
        Assert.Contains("DICTIONARY", encodings["name"], StringComparison.Ordinal);
        Assert.Contains("DICTIONARY", encodings["procname"], StringComparison.Ordinal);
        Assert.Contains("DICTIONARY", encodings["type"], StringComparison.Ordinal);
    }

    [Fact]
    public void Export_EveryValueOfARun_EqualsTheSqliteRow()
    {
        var run = runs.Runs[7];
        string id = Path.GetFileName(run);
        foreach (var table in new[] { "event", "syscall", "read", "write" })
        {
            var sql = table == "event" ? "SELECT * FROM event ORDER BY id" : $"SELECT * FROM \"{table}\" JOIN event USING (id) ORDER BY id";
            List<Dictionary<string, object?>> expected;
            using (var file = EventFile.OpenRead(run))
            {
                var rows = file.Query(sql);
                expected = [.. rows.Select(r => rows.Columns.Select((c, i) => (c, r[i])).ToDictionary(p => p.c, p => p.Item2))];
            }
            using var campaign = Campaign.Open(runs.Corpus);
            using var duck = campaign.Query($"SELECT * EXCLUDE (run) FROM \"{table}\" WHERE run = '{id}' ORDER BY id");
            var actual = duck.Select(r => duck.Columns.Select((c, i) => (c, Normalize(r[i]))).ToDictionary(p => p.c, p => p.Item2)).ToList();
            Assert.Equal(expected.Count, actual.Count);
            Assert.NotEmpty(expected);
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Keys.Order(), actual[i].Keys.Order());
                foreach (var (column, value) in expected[i])
                    Assert.True(Same(value, actual[i][column]), $"{table} row {i} column {column}: SQLite {value}, DuckDB {actual[i][column]}");
            }
        }
    }

    /// <summary>DuckDB's UBIGINT back to the bit pattern SQLite stores, so the two compare as stored.</summary>
    private static object? Normalize(object? value) => value is ulong u ? unchecked((long)u) : value;

    private static bool Same(object? a, object? b) =>
        a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);
}
