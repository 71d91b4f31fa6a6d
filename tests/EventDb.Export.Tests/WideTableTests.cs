using EventDb.Penguin;
using SQLitePCL;

namespace EventDb.Export.Tests;

/// <summary>
/// A wide child table over many row groups, joined with its base: what is exported equals what the file holds, value for
/// value, and a child row without its base row, or a value a column cannot store, fails the run naming it.
/// </summary>
public sealed class WideTableTests : IDisposable
{
    private const int Rows = 20_000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>An event table and a wide child table of <see cref="Rows"/> rows, as Penguin's are joined.</summary>
    private string WriteWideRun(string name, params string[] more) => _dir.WriteRawRun(name,
        [
            "CREATE TABLE event (id INTEGER NOT NULL, type VARCHAR NOT NULL, procname VARCHAR, proc_id INTEGER, PRIMARY KEY (id))",
            "CREATE TABLE wide (id INTEGER NOT NULL, a INTEGER, a_repr VARCHAR, b INTEGER, b_repr VARCHAR, c REAL, c_repr VARCHAR, "
                + "d BLOB, d_repr VARCHAR, e INTEGER NOT NULL, e_repr VARCHAR, PRIMARY KEY (id), FOREIGN KEY(id) REFERENCES event (id))",
            $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Rows}) "
                + "INSERT INTO event SELECT i, 'wide', CASE WHEN i % 7 = 0 THEN NULL ELSE 'proc-' || (i % 13) END, i % 5 FROM n",
            $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Rows}) "
                + "INSERT INTO wide SELECT i, i * 1000003 - 9223372036854775807, printf('%x', i), CASE WHEN i % 3 = 0 THEN NULL ELSE -i END, "
                + "'ü' || (i % 101), i / 7.0, CASE WHEN i % 11 = 0 THEN NULL ELSE 'c' || i END, "
                + "CASE WHEN i % 2 = 0 THEN CAST(x'00ff' || randomblob(i % 5) AS BLOB) ELSE NULL END, '', i % 2, printf('%08d', i) FROM n",
            .. more,
        ]);

    /// <summary>Runs <paramref name="sql"/> on the run's file with foreign keys off: how a child row loses its base row.</summary>
    private static string Break(string run, string sql)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_open(Path.Combine(run, EventFile.DefaultFileName), out var db));
        using (db)
            Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(db, "PRAGMA foreign_keys = OFF; " + sql));
        return run;
    }

    [Fact]
    public void Export_AWideTable_OverManyRowGroups_EqualsTheFileValueForValue()
    {
        var run = WriteWideRun("wide");

        var result = Assert.Single(_dir.Export([run], new ExportOptions { RowGroupSize = 3_000, RowsPerFile = 9_000 }));
        Assert.True(result.Status == ExportStatus.Exported, result.Error);

        const string Columns = "id, type, procname, proc_id, a, a_repr, b, b_repr, c, c_repr, d, d_repr, e, e_repr";
        var expected = Look.Sqlite(run, $"SELECT {Columns} FROM wide JOIN event USING (id) ORDER BY id");
        var exported = Look.Campaign(_dir.Corpus, $"SELECT {Columns} FROM wide ORDER BY id");
        Assert.Equal(Rows, exported.Count);
        for (int row = 0; row < Rows; row++)
            Assert.Equal(expected[row], exported[row]);
        // 20,000 rows in row groups of 3,000, three groups to a part: 3 parts.
        Assert.Equal(3, result.Tables.Single(t => t.Table == "wide").Files.Count);
    }

    [Fact]
    public void Export_APenguinRun_MatchesTheTypedReader()
    {
        var run = _dir.WriteRun("penguin", 3, Rows);
        Assert.Equal(ExportStatus.Exported, Assert.Single(_dir.Export([run])).Status);

        using var file = EventFile.OpenRead(run);
        var typed = file.ReadWithIds<Syscall>().ToList();
        var exported = Look.Campaign(_dir.Corpus, "SELECT id, name, arg0, arg5, arg5_repr, procname FROM syscall ORDER BY id");
        Assert.Equal(typed.Count, exported.Count);
        for (int i = 0; i < typed.Count; i++)
        {
            var (id, e) = typed[i];
            Assert.Equal([id, e.Name, e.Arg0, e.Arg5, e.Arg5Repr, e.Procname], exported[i]);
        }
    }

    [Theory]
    [InlineData(12_345L)]
    [InlineData(1L)]
    public void Export_AChildRowWithoutItsBaseRow_FailsTheRun(long orphan)
    {
        var run = Break(WriteWideRun("orphan"), $"DELETE FROM event WHERE id = {orphan}");
        var result = Assert.Single(_dir.Export([run], new ExportOptions { RowGroupSize = 5_000 }));
        Assert.Equal(ExportStatus.Failed, result.Status);
        Assert.Contains("1 of the 20000 rows of 'wide' have no row in its base table 'event'", result.Error, StringComparison.Ordinal);
        Assert.Empty(Look.Partitions(_dir.Corpus, "orphan"));
    }

    [Fact]
    public void Export_ChildRowsWithoutBaseRowsAfterTheLastBaseRow_FailTheRun()
    {
        var run = Break(WriteWideRun("tail"), $"DELETE FROM event WHERE id > {Rows - 3}");
        var result = Assert.Single(_dir.Export([run]));
        Assert.Equal(ExportStatus.Failed, result.Status);
        Assert.Contains("3 of the 20000 rows of 'wide' have no row in its base table 'event'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_AValueAColumnCannotStore_InALaterRowGroup_FailsNamingTheRowAndColumn()
    {
        var run = WriteWideRun("late", "UPDATE wide SET e = 'not a number' WHERE id = 17321");

        var result = Assert.Single(_dir.Export([run]));
        Assert.Equal(ExportStatus.Failed, result.Status);
        Assert.Contains("table 'wide', row id 17321: column 'e' (declared INTEGER, exported as INT64) holds a text value", result.Error, StringComparison.Ordinal);
    }
}
