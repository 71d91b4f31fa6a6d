using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using EventDb.Penguin;

namespace EventDb.Export.Tests;

/// <summary>
/// What a hostile or unlucky user does: exporting a run a logger is writing in another process, files that are not
/// SQLite, two exporters at once, a read-only or full corpus, run ids that try to leave the corpus, empty runs and
/// corpora, and campaign SQL that is invalid or tries to write.
/// </summary>
public sealed class HostileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ExportOptions Penguin() => new() { Schemas = PenguinTables.All };

    private IReadOnlyList<RunExportResult> Export(IEnumerable<string> runs) => _dir.Export(runs);

    /// <summary>What exporting throws before any run is exported (the run results are not errors), or null.</summary>
    private static Exception? ExportError(IReadOnlyList<string> runs, string corpus, ExportOptions options) =>
        Record.Exception(() => CorpusExporter.ExportAsync(runs, corpus, options).GetAwaiter().GetResult());

    /// <summary>What running <paramref name="sql"/> on the corpus throws, rows read in full, or null.</summary>
    private Exception? CampaignError(string sql) => Record.Exception(() => Look.Campaign(_dir.Corpus, sql));

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    [Fact]
    public void Export_WhileALoggerWritesInAnotherProcess_ExportsWholeFlushesOnly()
    {
        // The fault child adds event k (a syscall with arg0 = k for even k, a write with fd = k for odd k) as fast as
        // it can, flushing every 20,000 and on its own as buffers fill.
        var run = _dir.Run("live");
        long flushed;
        RunExportResult result;
        using (var child = ChildProcess.Start("EventDb.FaultChild", "crash", run))
        {
            flushed = FlushedAtLeast(child, 40_000);
            result = Assert.Single(Export([run]));
            child.Signal(ChildProcess.SigKill);
            child.WaitForExit(TimeSpan.FromSeconds(30));
        }
        Assert.True(result.Status == ExportStatus.Exported, result.Error);

        var (events, syscalls, writes) = Counts("live");
        Assert.True(events >= flushed, $"{events} events exported, {flushed} were committed before the export began");
        Assert.Equal(events, syscalls + writes); // no base row without its child row, no child without its base
        // Events 0..n-1 exactly, ids 1..n: a prefix of the writer's commits, nothing torn.
        Assert.Equal([events, 1L, events],
            Look.Campaign(_dir.Corpus, "SELECT count(DISTINCT id)::BIGINT, min(id), max(id) FROM event").Single().Select(Long));
        Assert.Equal([events, 0L, events - 1],
            Look.Campaign(_dir.Corpus, "SELECT count(DISTINCT k)::BIGINT, min(k), max(k) FROM (SELECT arg0::BIGINT AS k FROM syscall UNION ALL SELECT fd FROM \"write\")")
                .Single().Select(Long));

        // The writer went on after the snapshot: the source changed, so the next export takes the rest.
        var again = Assert.Single(Export([run]));
        Assert.Equal(ExportStatus.Exported, again.Status);
        Assert.True(Counts("live").Events >= events);
    }

    private static long FlushedAtLeast(ChildProcess child, long count)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var line = child.ReadLine(TimeSpan.FromSeconds(60)) ?? throw new InvalidOperationException($"the writer ended: {child.StandardError}");
            if (line.StartsWith("FLUSHED ", StringComparison.Ordinal) && long.Parse(line[8..], CultureInfo.InvariantCulture) is var n && n >= count)
                return n;
        }
        throw new TimeoutException($"the writer did not commit {count} events in 60 s");
    }

    private (long Events, long Syscalls, long Writes) Counts(string runId)
    {
        long Count(string table) => Long(Look.Scalar(_dir.Corpus, $"SELECT count(*) FROM \"{table}\" WHERE run = '{runId}'"));
        return (Count("event"), Count("syscall"), Count("write"));
    }

    [Fact]
    public void Export_FilesThatAreNotSqliteOrAreTruncated_FailThatRunClearly_TheOthersGoOn()
    {
        var good = _dir.WriteRun("good", 1, 500);
        var garbage = Directory.CreateDirectory(_dir.Run("garbage")).FullName;
        File.WriteAllBytes(Path.Combine(garbage, EventFile.DefaultFileName), [.. Enumerable.Range(0, 16_384).Select(i => (byte)(i * 7919 % 251))]);
        var text = Directory.CreateDirectory(_dir.Run("text")).FullName;
        File.WriteAllText(Path.Combine(text, EventFile.DefaultFileName), "not a database\n");
        var truncated = _dir.WriteRun("truncated", 2, 20_000);
        using (var stream = new FileStream(Path.Combine(truncated, EventFile.DefaultFileName), FileMode.Open))
            stream.SetLength(stream.Length / 2);
        var empty = Directory.CreateDirectory(_dir.Run("zero")).FullName;
        File.WriteAllBytes(Path.Combine(empty, EventFile.DefaultFileName), []);

        var results = Export([good, garbage, text, truncated, empty]);
        Assert.Equal(ExportStatus.Exported, results[0].Status);
        foreach (var failed in results.Skip(1).Where(r => r.RunId != "zero"))
        {
            Assert.True(failed.Status == ExportStatus.Failed, $"{failed.RunId}: {failed.Status}");
            Assert.False(string.IsNullOrWhiteSpace(failed.Error));
            Assert.DoesNotContain('\n', failed.Error!);
            Assert.Empty(Look.Partitions(_dir.Corpus, failed.RunId));
        }
        // A zero-byte file is an empty SQLite database: a run without tables, exported as nothing.
        Assert.Empty(Look.Partitions(_dir.Corpus, "zero"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_dir.Corpus, "_tmp")));
    }

    [Fact]
    public void Export_TwoProcessesIntoOneCorpus_TheSecondIsRefusedAtOnce_AndNothingIsHalfWritten()
    {
        var run = _dir.WriteRun("same", 3, 20_000);
        using (var first = ChildProcess.Start("EventDb.ExportChild", run, _dir.Corpus, "5000"))
        {
            first.WaitForLine("PAUSED", TimeSpan.FromSeconds(60)); // mid-export, holding the corpus
            var started = Stopwatch.StartNew();
            var error = Assert.IsType<IOException>(ExportError([run], _dir.Corpus, Penguin()));
            Assert.Contains("Another export is writing", error.Message, StringComparison.Ordinal);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), "refused at once, not after waiting");
            Assert.Empty(Look.Partitions(_dir.Corpus, "same"));
            first.Signal(ChildProcess.SigKill);
            first.WaitForExit(TimeSpan.FromSeconds(30));
        }
        Assert.Equal(ExportStatus.Exported, Assert.Single(Export([run])).Status);
        Assert.Equal(20_000L, Long(Look.Scalar(_dir.Corpus, "SELECT count(*) FROM event")));
    }

    [Fact]
    public void Export_RunIdsThatWouldLeaveTheCorpus_AreRefused_AndNothingIsWritten()
    {
        var run = _dir.WriteRun("fine", 4, 10);
        foreach (var id in new[] { "../escape", "a/b", "..", ".", "x=y", "/abs", "a\\b", "", " " })
        {
            Assert.IsAssignableFrom<ArgumentException>(ExportError([run], _dir.Corpus, new ExportOptions { RunId = id }));
        }
        var tricky = _dir.WriteRun("table=x", 4, 10);
        Assert.IsType<ArgumentException>(ExportError([tricky], _dir.Corpus, Penguin()));
        // Refused before anything is created: no corpus, nothing beside it.
        Assert.False(Directory.Exists(_dir.Corpus));
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "escape")));

        // A trailing separator or a relative path still names the directory.
        Assert.Equal("fine", Assert.Single(Export([run + Path.DirectorySeparatorChar])).RunId);
        Assert.Equal("fine", Assert.Single(Export([Path.GetRelativePath(Environment.CurrentDirectory, run)])).RunId);
    }

    [Fact]
    public void Export_IntoAReadOnlyCorpus_FailsClearly_AndCampaignsStillReadIt()
    {
        var run = _dir.WriteRun("ro", 5, 1_000);
        var mount = _dir.MountTmpfs("64m", "corpus");
        Assert.Equal(ExportStatus.Exported, Assert.Single(Export([run])).Status);
        mount.RemountReadOnly();

        var error = ExportError([_dir.WriteRun("late", 6, 10)], _dir.Corpus, Penguin());
        Assert.True(error is IOException or UnauthorizedAccessException, $"{error}");
        Assert.Contains("read-only", error!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Another export", error.Message, StringComparison.Ordinal);
        Assert.Equal(1_000L, Long(Look.Scalar(_dir.Corpus, "SELECT count(*) FROM event")));
    }

    [Fact]
    public void Export_IntoAFullDisk_FailsThatRunNamingTheCause_LeavesNothingOfIt_AndTheCorpusStillAnswers()
    {
        // A 512 KiB tmpfs: the small run fits, the large one's part files do not (ENOSPC mid-write, from an encoding
        // thread's write or the footer's).
        _dir.MountTmpfs("512k", "corpus");
        Assert.Equal(ExportStatus.Exported, Assert.Single(Export([_dir.WriteRun("small", 8, 200)])).Status);

        var large = Assert.Single(Export([_dir.WriteRun("large", 9, 60_000)]));
        Assert.Equal(ExportStatus.Failed, large.Status);
        Assert.Contains("No space left on device", large.Error, StringComparison.Ordinal);
        Assert.Empty(Look.Partitions(_dir.Corpus, "large"));
        Assert.False(File.Exists(Path.Combine(_dir.Corpus, "_runs", "large.json")), "a manifest for a run that failed");
        // Its temporary files are gone: the space is free again for the next export.
        Assert.DoesNotContain(Directory.EnumerateFiles(_dir.Corpus, "*.parquet", SearchOption.AllDirectories), f => f.Contains("large", StringComparison.Ordinal));
        Assert.Equal(200L, Long(Look.Scalar(_dir.Corpus, "SELECT count(*) FROM event")));
        Assert.Equal(ExportStatus.Exported, Assert.Single(Export([_dir.WriteRun("after", 10, 200)])).Status);
        Assert.Equal(400L, Long(Look.Scalar(_dir.Corpus, "SELECT count(*) FROM event")));
    }

    [Fact]
    public void Export_EmptyTablesAndEmptyRuns_WriteNoPartition_AndACorpusWithoutTablesStillAnswers()
    {
        var empty = _dir.Run("empty");
        EventLogger.Open(new EventLoggerOptions { Directory = empty, Tables = PenguinTables.All }).Dispose(); // every table, no row
        var result = Assert.Single(Export([empty]));
        Assert.Equal(ExportStatus.Exported, result.Status);
        Assert.Empty(result.Tables);
        Assert.Empty(Look.Partitions(_dir.Corpus, "empty"));

        Assert.Equal([[1]], Look.Campaign(_dir.Corpus, "SELECT 1 AS x"));
        var error = Assert.IsType<DuckDBException>(CampaignError("SELECT count(*) FROM syscall"));
        Assert.Contains("syscall", error.Message, StringComparison.Ordinal);

        // Rows arrive later: the run is exported again, and its tables appear.
        _dir.WriteRun("empty", 7, 100);
        Assert.Equal(ExportStatus.Exported, Assert.Single(Export([empty])).Status);
        Assert.Equal(100L, Long(Look.Scalar(_dir.Corpus, "SELECT count(*) FROM event")));
    }

    [Fact]
    public void Campaign_InvalidSql_FailsWithDuckDbsMessageOrAsNotOneQuery()
    {
        Export([_dir.WriteRun("a", 8, 100)]);
        foreach (var sql in new[] { "SELEC 1", "SELECT * FROM syscall WHERE", "SELECT nope FROM syscall", "SELECT * FROM nosuch", "SELECT 1/'x'" })
        {
            var error = CampaignError(sql);
            Assert.True(error is DuckDBException or CampaignQueryException, $"{sql}: {error}");
        }
    }

    [Fact]
    public void Campaign_StatementsThatWriteOrAreNotOneQuery_AreRefusedBeforeTheyRun()
    {
        Export([_dir.WriteRun("a", 9, 100)]);
        var target = Path.Combine(_dir.Path, "stolen.csv");
        var attached = Path.Combine(_dir.Path, "attached.db");
        foreach (var sql in new[]
        {
            $"COPY syscall TO '{target}'",
            $"COPY (SELECT * FROM syscall) TO '{target}' (FORMAT csv)",
            $"SELECT 1; COPY syscall TO '{target}'",
            $"ATTACH '{attached}' AS x",
            "CREATE TABLE t AS SELECT * FROM syscall",
            "INSTALL httpfs",
            "LOAD httpfs",
            "SET threads = 1",
            "PRAGMA version",
            "EXPLAIN SELECT 1",
            "PIVOT event ON type USING count(*)",
            "SELECT 1; SELECT 2",
            "-- nothing",
        })
        {
            Assert.True(CampaignError(sql) is CampaignQueryException, $"{sql}: {CampaignError(sql)}");
        }
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(attached));
        Assert.Contains("never writes", CampaignError($"COPY syscall TO '{target}'")!.Message, StringComparison.Ordinal);

        // Queries in all their forms still run.
        foreach (var query in new[]
        {
            "DESCRIBE syscall", "SUMMARIZE event", "FROM event LIMIT 1", "SELECT count(*) FROM syscall;", "VALUES (1)",
            "WITH n AS (SELECT name FROM syscall) SELECT count(*) FROM n",
            "SELECT run, count(*) FILTER (WHERE type = 'syscall') AS syscalls FROM event GROUP BY run",
        })
        {
            Assert.Null(CampaignError(query));
        }
    }
}
