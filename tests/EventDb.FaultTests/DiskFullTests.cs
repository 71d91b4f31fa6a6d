using System.Collections.Concurrent;
using System.Diagnostics;
using SQLitePCL;

namespace EventDb.FaultTests;

/// <summary>
/// A real full disk: the database lives on a 1 MiB tmpfs, so the writer's own connection gets ENOSPC and SQLITE_FULL
/// (PRAGMA max_page_count is per connection and would not reach the writer). Growing the mount frees the space.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory.Tmpfs _disk;
    private readonly ConcurrentQueue<EventDbException> _errors = new();

    public DiskFullTests() => _disk = _dir.MountTmpfs("1m");

    public void Dispose() => _dir.Dispose();

    private EventLogger OpenOnFullDisk()
    {
        // No timed flush: the 2,000 large events go to the file in one batch, on the test's Flush() or Dispose(), so the
        // counts below are exact. Retries after a failure run on the writer's own back-off.
        var log = EventLogger.Open(_dir.Options() with { OnError = _errors.Enqueue, FlushInterval = TimeSpan.FromHours(1) });
        for (int seq = 0; seq < 100; seq++)
            log.Add(new Numbered { Producer = 0, Seq = seq, Text = "fits" });
        log.Flush();
        // About 2 MiB of events for a 1 MiB file system.
        var payload = new byte[1_024];
        for (int seq = 100; seq < 2_100; seq++)
            log.Add(new Numbered { Producer = 0, Seq = seq, Data = payload });
        return log;
    }

    private static bool IsFull(EventDbException ex) => ex.SqliteErrorCode == raw.SQLITE_FULL;

    [Fact]
    public void Flush_WhenDiskIsFull_ThrowsAndReportsThenEveryEventLandsOnceSpaceIsFreed()
    {
        using var log = OpenOnFullDisk();

        var flushError = Assert.ThrowsAny<EventDbException>(log.Flush);
        Assert.True(IsFull(flushError), $"Flush() threw code {flushError.SqliteErrorCode}, not SQLITE_FULL: {flushError.Message}");
        Assert.True(SpinWait.SpinUntil(() => !_errors.IsEmpty, TimeSpan.FromSeconds(5)), "OnError was never called");
        Assert.All(_errors, e => Assert.True(IsFull(e), $"OnError got code {e.SqliteErrorCode}: {e.Message}"));
        Assert.True(log.FailedFlushes > 0);
        Assert.NotNull(log.LastError);
        Assert.Equal(2_000, log.QueuedEvents);

        // While full, the file holds exactly the first flush, and no torn event.
        using (var db = _dir.OpenRaw(readOnly: true))
        {
            Assert.Equal(100, db.Long("SELECT count(*) FROM numbered"));
            FileChecks.AssertSoundAndUntorn(db);
        }
        Assert.ThrowsAny<EventDbException>(log.Flush);

        // Free the space: the writer retries by itself (no Flush() call) and recovers.
        _disk.Resize("64m");
        var recovery = Stopwatch.StartNew();
        Assert.True(SpinWait.SpinUntil(() => log.WrittenEvents == 2_100, TimeSpan.FromSeconds(20)),
            $"the writer did not recover by itself within 20 s of freeing space (written {log.WrittenEvents})");
        recovery.Stop();
        log.Flush();
        Assert.Null(log.LastError);
        Assert.Equal(0, log.QueuedEvents);
        log.Dispose();

        using var after = _dir.OpenRaw(readOnly: true);
        FileChecks.AssertEachNumberedOnce(after, 1, 2_100);
        FileChecks.AssertSoundAndUntorn(after);
        Assert.True(recovery.Elapsed < TimeSpan.FromSeconds(20), $"recovered after {recovery.Elapsed}");
    }

    [Fact]
    public void Dispose_WhileDiskStaysFull_ThrowsShutdownExceptionWithExactUnwrittenCount()
    {
        var log = OpenOnFullDisk();

        var ex = Assert.Throws<EventDbShutdownException>(log.Dispose);
        Assert.Throws<ObjectDisposedException>(() => log.Add(new Numbered { Seq = -1 }));
        Assert.NotEmpty(_errors);
        Assert.True(ex.InnerException is EventDbException inner && IsFull(inner), $"inner: {ex.InnerException}");

        _disk.Resize("64m");
        using var db = _dir.OpenRaw(readOnly: true);
        long inFile = db.Long("SELECT count(*) FROM numbered");
        Assert.Equal(2_100 - inFile, ex.UnwrittenEvents);
        Assert.Equal(2_000, ex.UnwrittenEvents);
        FileChecks.AssertSoundAndUntorn(db);
    }
}
