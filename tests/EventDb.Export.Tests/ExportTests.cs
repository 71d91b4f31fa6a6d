using System.Globalization;
using EventDb.Penguin;

namespace EventDb.Export.Tests;

/// <summary>Types at their limits, skipping, atomicity (a real SIGKILL mid-export), failures and unknown tables.</summary>
public sealed class ExportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ExportOptions Penguin(bool force = false) => new() { Schemas = PenguinTables.All, Force = force };

    private IReadOnlyList<RunExportResult> Export(IEnumerable<string> runs, ExportOptions? options = null) => _dir.Export(runs, options);

    [Fact]
    public void Export_UlongMaxAndNulls_RoundTrip()
    {
        var run = _dir.Run("limits");
        using (var logger = EventLogger.Open(new EventLoggerOptions { Directory = run, Tables = PenguinTables.All }))
        {
            logger.Add(new Syscall { Name = "max", Arg0 = ulong.MaxValue, Arg1 = 1UL << 63, Arg2 = 0, Arg3 = null, Retno = null, Procname = "httpd", ProcId = 7 });
            logger.Add(new Syscall { Name = "min", Arg0 = 0, Arg1 = long.MaxValue, Retno = long.MinValue, RetnoRepr = "", Procname = null, ProcId = -1 });
            logger.Add(new Write { Fd = 1, Fname = null, Buffer = null });
            logger.Add(new Read { Fd = 2, Fname = "f", Buffer = [] });
            logger.Add(new Read { Fd = 3, Fname = "g", Buffer = [0, 255, 0] });
        }
        Assert.Equal(ExportStatus.Exported, Assert.Single(Export([run])).Status);

        var rows = Look.Campaign(_dir.Corpus, "SELECT name, arg0, arg1, arg2, arg3, retno, retno_repr, procname, proc_id, typeof(arg0) FROM syscall ORDER BY id");
        Assert.Equal(["max", ulong.MaxValue, 1UL << 63, 0UL, null, null, null, "httpd", 7L, "UBIGINT"], rows[0]);
        Assert.Equal(["min", 0UL, (ulong)long.MaxValue, null, null, long.MinValue, "", "[?]", -1L, "UBIGINT"], rows[1]);
        Assert.Equal([1L, null, null], Assert.Single(Look.Campaign(_dir.Corpus, "SELECT fd, fname, buffer FROM \"write\"")));
        var reads = Look.Campaign(_dir.Corpus, "SELECT fd, buffer, buffer IS NULL FROM \"read\" ORDER BY fd");
        Assert.Equal([2L, Array.Empty<byte>(), false], reads[0]); // an empty BLOB is not NULL
        Assert.Equal([3L, new byte[] { 0, 255, 0 }, false], reads[1]);
        // The unsigned values compare as unsigned in SQL.
        Assert.Equal(1L, Convert.ToInt64(Look.Scalar(_dir.Corpus, "SELECT count(*) FROM syscall WHERE arg0 > 9223372036854775807"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Export_Again_SkipsUnchangedRunsAndRedoesAChangedOne()
    {
        var runs = new[] { _dir.WriteRun("a", 1, 2_000), _dir.WriteRun("b", 2, 2_000), _dir.WriteRun("c", 3, 2_000) };
        Assert.All(Export(runs), r => Assert.Equal(ExportStatus.Exported, r.Status));
        var files = Directory.EnumerateFiles(_dir.Corpus, "*.parquet", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var again = Export(runs);
        Assert.All(again, r => Assert.Equal(ExportStatus.Skipped, r.Status));
        Assert.All(again, r => Assert.Contains(r.Tables, t => t.Table == "syscall" && t.Rows > 1_000)); // as the last export wrote them
        Assert.Equal(files, Directory.EnumerateFiles(_dir.Corpus, "*.parquet", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc));

        _dir.WriteRun("b", 2, 500, start: 2_000); // appends 500 events to b
        var changed = Export(runs);
        Assert.Equal([ExportStatus.Skipped, ExportStatus.Exported, ExportStatus.Skipped], changed.Select(r => r.Status));
        Assert.Equal(2_500L, Convert.ToInt64(Look.Scalar(_dir.Corpus, "SELECT count(*) FROM event WHERE run = 'b'"), CultureInfo.InvariantCulture));
        Assert.Equal(2_000L, Convert.ToInt64(Look.Scalar(_dir.Corpus, "SELECT count(*) FROM event WHERE run = 'a'"), CultureInfo.InvariantCulture));

        Assert.All(Export(runs, Penguin(force: true)), r => Assert.Equal(ExportStatus.Exported, r.Status));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_dir.Corpus, "_tmp")));
    }

    [Fact]
    public void Export_KilledMidway_LeavesNoPartitionOfThatRun_AndARerunCompletes()
    {
        var other = _dir.WriteRun("other", 5, 1_000);
        Assert.Equal(ExportStatus.Exported, Assert.Single(Export([other])).Status);
        var run = _dir.WriteRun("victim", 6, 20_000);

        using (var child = ChildProcess.Start("EventDb.ExportChild", run, _dir.Corpus, "5000"))
        {
            child.WaitForLine("PAUSED", TimeSpan.FromSeconds(60));
            // Mid-export for real: part files of the run are open under _tmp.
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(_dir.Corpus, "_tmp"), "*.parquet", SearchOption.AllDirectories));
            child.Signal(ChildProcess.SigKill);
            Assert.Equal(128 + ChildProcess.SigKill, child.WaitForExit(TimeSpan.FromSeconds(30)));
        }

        Assert.Empty(Look.Partitions(_dir.Corpus, "victim"));
        Assert.False(File.Exists(Path.Combine(_dir.Corpus, "_runs", "victim.json")));
        // What the readers' glob sees: the other run whole, nothing of the killed one.
        Assert.Equal(0L, Convert.ToInt64(Look.Scalar(_dir.Corpus,
            $"SELECT count(*) FROM glob('{_dir.Corpus}/table=*/run=victim/*.parquet')"), CultureInfo.InvariantCulture));
        Assert.Equal([["other", 1_000L]], Look.Campaign(_dir.Corpus, "SELECT run, count(*)::BIGINT FROM event GROUP BY run"));

        var rerun = Assert.Single(Export([run]));
        Assert.Equal(ExportStatus.Exported, rerun.Status);
        Assert.Equal(20_000L, Convert.ToInt64(Look.Scalar(_dir.Corpus, "SELECT count(*) FROM event WHERE run = 'victim'"), CultureInfo.InvariantCulture));
        Assert.Equal((long)Look.Sqlite(run, "SELECT count(*) FROM syscall")[0][0]!,
            Convert.ToInt64(Look.Scalar(_dir.Corpus, "SELECT count(*) FROM syscall WHERE run = 'victim'"), CultureInfo.InvariantCulture));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_dir.Corpus, "_tmp"))); // the dead export's files are gone
    }

    [Fact]
    public void Export_AValueItsColumnCannotHold_FailsThatRunOnly_LeavingNoPartition()
    {
        var good = _dir.WriteRun("good", 1, 1_000);
        var bad = _dir.WriteRawRun("bad",
            "CREATE TABLE sample (id INTEGER NOT NULL, n INTEGER, PRIMARY KEY (id))",
            "INSERT INTO sample VALUES (1, 5), (2, 'five'), (3, 7)");
        var results = Export([good, bad]);
        Assert.Equal(ExportStatus.Exported, results[0].Status);
        Assert.Equal(ExportStatus.Failed, results[1].Status);
        Assert.Contains("'sample'", results[1].Error, StringComparison.Ordinal);
        Assert.Contains("id 2", results[1].Error, StringComparison.Ordinal);
        Assert.Contains("'n'", results[1].Error, StringComparison.Ordinal);
        Assert.Empty(Look.Partitions(_dir.Corpus, "bad"));
        Assert.NotEmpty(Look.Partitions(_dir.Corpus, "good"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_dir.Corpus, "_tmp")));
    }

    [Fact]
    public void Export_TablesNotInAKnownSchema_AreTypedFromTheirDeclaredTypes_AndAChildIsJoinedByItsForeignKey()
    {
        var run = _dir.WriteRawRun("custom",
            "CREATE TABLE event (id INTEGER NOT NULL, type VARCHAR NOT NULL, procname VARCHAR NOT NULL, proc_id INTEGER NOT NULL, PRIMARY KEY (id))",
            "CREATE TABLE mmio (id INTEGER NOT NULL, address INTEGER NOT NULL, size INTEGER, value BLOB, PRIMARY KEY (id), FOREIGN KEY(id) REFERENCES event (id))",
            "CREATE TABLE notes (label TEXT NOT NULL, score REAL, loose, amount NUMERIC)",
            "INSERT INTO event VALUES (1, 'mmio', 'qemu', 1), (2, 'mmio', 'qemu', 1)",
            "INSERT INTO mmio VALUES (1, -4096, 4, x'00ff'), (2, 16, NULL, NULL)",
            "INSERT INTO notes VALUES ('a', 1.5, 3, 10), ('b', NULL, NULL, 2.5)");
        Assert.Equal(ExportStatus.Exported, Assert.Single(Export([run])).Status);

        var mmio = Look.Campaign(_dir.Corpus, "DESCRIBE mmio").Select(r => ((string)r[0]!, (string)r[1]!)).ToList();
        Assert.Equal([("id", "BIGINT"), ("type", "VARCHAR"), ("procname", "VARCHAR"), ("proc_id", "BIGINT"), ("address", "BIGINT"),
            ("size", "BIGINT"), ("value", "BLOB"), ("run", "VARCHAR")], mmio);
        Assert.Equal([1L, "mmio", "qemu", -4096L, new byte[] { 0, 255 }],
            Look.Campaign(_dir.Corpus, "SELECT id, type, procname, address, value FROM mmio ORDER BY id")[0]);
        var notes = Look.Campaign(_dir.Corpus, "DESCRIBE notes").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("VARCHAR", notes["label"]);
        Assert.Equal("DOUBLE", notes["score"]);
        Assert.Equal("BIGINT", notes["loose"]);  // no declared type: typed from its values (integers only)
        Assert.Equal("DOUBLE", notes["amount"]); // NUMERIC holding an integer and a real
        Assert.Equal([["a", 1.5, 3L, 10.0], ["b", null, null, 2.5]], Look.Campaign(_dir.Corpus, "SELECT label, score, loose, amount FROM notes ORDER BY label"));
    }

    [Fact]
    public void Export_ARunThatLostATable_LosesThatTablesPartition()
    {
        var run = _dir.WriteRawRun("shrinking", "CREATE TABLE a (id INTEGER PRIMARY KEY, x INTEGER)", "CREATE TABLE b (id INTEGER PRIMARY KEY, y TEXT)",
            "INSERT INTO a VALUES (1, 1)", "INSERT INTO b VALUES (1, 'one')");
        Export([run]);
        Assert.Equal(["table=a/run=shrinking", "table=b/run=shrinking"], Look.Partitions(_dir.Corpus, "shrinking").Order());
        File.Delete(Path.Combine(run, EventFile.DefaultFileName));
        _dir.WriteRawRun("shrinking", "CREATE TABLE a (id INTEGER PRIMARY KEY, x INTEGER)", "INSERT INTO a VALUES (1, 2), (2, 3)");
        Assert.Equal(ExportStatus.Exported, Assert.Single(Export([run])).Status);
        Assert.Equal(["table=a/run=shrinking"], Look.Partitions(_dir.Corpus, "shrinking"));
        Assert.Equal([[2L, 5L]], Look.Campaign(_dir.Corpus, "SELECT count(*)::BIGINT, sum(x)::BIGINT FROM a"));
    }

    [Fact]
    public void Export_RunIds_ComeFromTheDirectoryOrTheOption_AndMustNameAPartition()
    {
        var run = _dir.WriteRun("image-1.2_b+c", 1, 100);
        Assert.Equal("image-1.2_b+c", Assert.Single(Export([run])).RunId);
        Assert.Equal("renamed", Assert.Single(Export([Path.Combine(run, "plugins.db")], new ExportOptions { RunId = "renamed" })).RunId);
        Assert.NotEmpty(Look.Partitions(_dir.Corpus, "renamed"));

        var spaced = _dir.WriteRun("has space", 1, 10);
        Assert.Contains("--run-id", Assert.Throws<ArgumentException>(() => Export([spaced])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Export([run, spaced], new ExportOptions { RunId = "one" }));
        Assert.Throws<ArgumentException>(() => Export([spaced], new ExportOptions { RunId = "_hidden" }));
        var twin = _dir.WriteRun(Path.Combine("elsewhere", "image-1.2_b+c"), 2, 10);
        Assert.Contains("give each run its own id", Assert.Throws<ArgumentException>(() => Export([run, twin])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_WhileAnotherExportWrites_IsRefused()
    {
        var run = _dir.WriteRun("a", 1, 100);
        Directory.CreateDirectory(_dir.Corpus);
        using (new FileStream(Path.Combine(_dir.Corpus, "_export.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            Assert.Contains("Another export", Assert.Throws<IOException>(() => Export([run])).Message, StringComparison.Ordinal);
        Assert.Equal(ExportStatus.Exported, Assert.Single(Export([run])).Status);
    }

    [Fact]
    public void Export_AMissingRun_FailsAlone()
    {
        var good = _dir.WriteRun("a", 1, 100);
        var results = Export([good, _dir.Run("missing")]);
        Assert.Equal(ExportStatus.Exported, results[0].Status);
        Assert.Equal(ExportStatus.Failed, results[1].Status);
        Assert.Contains("no such directory or file", results[1].Error, StringComparison.Ordinal);
        Directory.CreateDirectory(_dir.Run("empty"));
        Assert.Contains("no plugins.db in it", Assert.Single(Export([_dir.Run("empty")])).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_ManyRowGroupsAndParts_AllRowsInOrder()
    {
        var run = _dir.WriteRun("parts", 9, 5_000);
        var result = Assert.Single(Export([run], new ExportOptions { Schemas = PenguinTables.All, RowGroupSize = 300, RowsPerFile = 1_200 }));
        var events = result.Tables.Single(t => t.Table == "event");
        Assert.Equal(5, events.Files.Count); // 5,000 rows, 1,200 per part
        Assert.Equal("table=event/run=parts/part-0004.parquet", events.Files[^1]);
        Assert.Equal([[5_000L, 1L, 5_000L, 5_000L]], Look.Campaign(_dir.Corpus, "SELECT count(*)::BIGINT, min(id), max(id), count(DISTINCT id)::BIGINT FROM event"));
        long groups = Convert.ToInt64(Look.Scalar(_dir.Corpus,
            $"SELECT count(DISTINCT (file_name, row_group_id)) FROM parquet_metadata('{_dir.Corpus}/table=event/*/*.parquet')"), CultureInfo.InvariantCulture);
        Assert.Equal(17L, groups); // 4 parts of 4 groups of 300, then 200 rows in one
    }
}
