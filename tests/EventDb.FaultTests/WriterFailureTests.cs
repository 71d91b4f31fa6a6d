using System.Collections.Concurrent;

namespace EventDb.FaultTests;

/// <summary>
/// The writer cannot go on (an error after a COMMIT, where no retry can mend its accounting): every waiting and later
/// Add and Flush fails at once with the reason, and Dispose reports exactly how many events were not written.
/// </summary>
public sealed class WriterFailureTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ErrorAfterCommit_FlushAndAddFailFastWithTheReasonAndDisposeCountsExactly()
    {
        var log = EventLogger.Open(_dir.Options() with { BufferSize = 1_000, MaxQueuedEvents = 1_000 });
        Producers.AddNumbered(log, 0, 0, 500);
        log.Flush();
        // Our own fault injection: nothing in the writer throws after a commit on its own.
        log.InjectWriterFaultAfterCommit(new InvalidOperationException("injected after COMMIT"));
        Producers.AddNumbered(log, 0, 500, 500);

        var flush = Assert.Throws<EventDbException>(log.Flush);
        Assert.Contains("cannot go on", flush.Message, StringComparison.Ordinal);
        Assert.Contains("injected after COMMIT", flush.Message, StringComparison.Ordinal);

        // Producers blocked for room, and every later Add, fail at once instead of waiting forever.
        var failures = new ConcurrentQueue<Exception>();
        var producers = Producers.Start(log, 2, 5_000, failures);
        Assert.All(producers, p => Assert.True(p.Join(TimeSpan.FromSeconds(10)), "a producer hung after the writer failed"));
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Contains("cannot go on", Assert.IsType<EventDbException>(f).Message, StringComparison.Ordinal));
        Assert.Throws<EventDbException>(log.Flush);
        Assert.Throws<EventDbException>(() => { _ = log.FlushAsync(); });

        var shutdown = Assert.Throws<EventDbShutdownException>(log.Dispose);
        using var db = _dir.OpenRaw(readOnly: true);
        long inFile = db.Long("SELECT count(*) FROM numbered");
        Assert.Equal(inFile, log.WrittenEvents); // the batch committed just before the fault counts as written
        Assert.Equal(log.AddedEvents - inFile, shutdown.UnwrittenEvents);
        Assert.True(inFile >= 1_000, $"only {inFile} events are in the file");
        log.Dispose(); // again: quiet
    }
}
