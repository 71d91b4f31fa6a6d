using SQLitePCL;

namespace EventDb.FaultTests;

/// <summary>
/// The file moves or vanishes under the writer: the next flush fails like any failed flush (nothing written into an
/// orphaned file), the events stay in memory, and Dispose reports the exact loss; a file put back is written again.
/// </summary>
public sealed class VanishingFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private EventLogger OpenReporting(List<EventDbException> errors) => EventLogger.Open(_dir.Options() with
    {
        FlushInterval = TimeSpan.FromMilliseconds(20),
        OnError = error =>
        {
            lock (errors)
                errors.Add(error);
        },
    });

    private static void AssertMovedReported(EventLogger log, List<EventDbException> errors)
    {
        var flush = Assert.Throws<EventDbException>(log.Flush);
        Assert.Contains("was moved or deleted", flush.Message, StringComparison.Ordinal);
        Assert.Equal((raw.SQLITE_READONLY, raw.SQLITE_READONLY_DBMOVED), (flush.SqliteErrorCode, flush.SqliteExtendedErrorCode));
        Assert.NotNull(log.LastError);
        Assert.True(log.FailedFlushes > 0);
        log.WaitForReports();
        lock (errors)
            Assert.Contains(errors, e => e.Message.Contains("was moved or deleted", StringComparison.Ordinal));
    }

    [Fact]
    public void DirectoryRemoved_WhileWriting_FlushFailsAndDisposeReportsExactlyTheUnwritten()
    {
        var errors = new List<EventDbException>();
        var log = OpenReporting(errors);
        Producers.AddNumbered(log, 0, 0, 1_000);
        log.Flush();

        Directory.Delete(_dir.Path, recursive: true);
        Producers.AddNumbered(log, 0, 1_000, 5_000);

        AssertMovedReported(log, errors);
        var shutdown = Assert.Throws<EventDbShutdownException>(log.Dispose);
        Assert.Equal(5_000, shutdown.UnwrittenEvents);
        Assert.Equal(log.AddedEvents - log.WrittenEvents, shutdown.UnwrittenEvents);
        Assert.False(Directory.Exists(_dir.Path)); // nothing recreated it
    }

    [Fact]
    public void DirectoryLinkRepointed_WhileWriting_TheLoggerKeepsToTheFileItOpened()
    {
        // results/latest -> run-1, repointed to run-2 while run-1's logger still writes (a new run begins): the logger
        // neither fails nor follows the link; its FilePath names the file it writes, not the link's path.
        var run1 = _dir.Sub("run-1");
        var run2 = _dir.Sub("run-2");
        var latest = _dir.File("latest");
        File.CreateSymbolicLink(latest, run1);
        var log = EventLogger.Open(_dir.Options() with { Directory = latest });
        Assert.Equal(Path.Combine(run1, "plugins.db"), log.FilePath);
        Producers.AddNumbered(log, 0, 0, 1_000);
        log.Flush();

        File.Delete(latest);
        File.CreateSymbolicLink(latest, run2);
        Producers.AddNumbered(log, 0, 1_000, 1_000);
        log.Flush();

        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => (long)i), log.ReadAll<Numbered>().Select(e => e.Seq));
        log.Dispose();
        Assert.Equal(2_000, log.WrittenEvents);
        Assert.Empty(Directory.EnumerateFileSystemEntries(run2));
    }

    [Fact]
    public void FileUnlinked_WhileWriting_FlushFailsAndDisposeReportsExactlyTheUnwritten()
    {
        var errors = new List<EventDbException>();
        var log = OpenReporting(errors);
        Producers.AddNumbered(log, 0, 0, 1_000);
        log.Flush();

        File.Delete(_dir.DbPath);
        Producers.AddNumbered(log, 0, 1_000, 2_000);

        AssertMovedReported(log, errors);
        Assert.Equal(2_000, Assert.Throws<EventDbShutdownException>(log.Dispose).UnwrittenEvents);
        Assert.False(File.Exists(_dir.DbPath));
    }

    [Fact]
    public void FileRenamedAway_FlushFailsThenRenamedBack_EveryEventLandsOnce()
    {
        var errors = new List<EventDbException>();
        using var log = OpenReporting(errors);
        Producers.AddNumbered(log, 0, 0, 1_000);
        log.Flush();
        string aside = _dir.DbPath + ".aside";

        File.Move(_dir.DbPath, aside);
        Producers.AddNumbered(log, 0, 1_000, 3_000);
        AssertMovedReported(log, errors);
        Assert.False(File.Exists(_dir.DbPath));
        File.Move(aside, _dir.DbPath);

        log.Flush(); // the held batch goes into the file it belongs to
        log.Dispose();
        Assert.Equal(4_000, log.WrittenEvents);
        using var db = _dir.OpenRaw(readOnly: true);
        FileChecks.AssertEachNumberedOnce(db, 1, 4_000);
        FileChecks.AssertSoundAndUntorn(db);
    }
}
