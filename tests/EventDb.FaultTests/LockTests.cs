using System.Diagnostics;

namespace EventDb.FaultTests;

/// <summary>A second connection holds the write lock: the writer waits it out, memory stays bounded, nothing is lost.</summary>
public sealed class LockTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A logger with a small queue that flushes often, for a writer about to be stalled.</summary>
    private EventLogger OpenSmallQueue(OverflowPolicy overflow, int maxQueued) => EventLogger.Open(_dir.Options() with
    {
        BufferSize = 1_000,
        MaxQueuedEvents = maxQueued,
        Overflow = overflow,
        BusyTimeout = TimeSpan.FromMilliseconds(100),
        FlushInterval = TimeSpan.FromMilliseconds(20),
    });

    /// <summary>A second connection holding BEGIN EXCLUSIVE: the writer stalls until it commits.</summary>
    private RawDb HoldWriteLock()
    {
        var holder = _dir.OpenRaw();
        holder.Exec("BEGIN EXCLUSIVE");
        return holder;
    }

    [Fact]
    public async Task Flush_WhileAnotherConnectionHoldsExclusiveLockBeyondBusyTimeout_WaitsAndEveryEventLands()
    {
        using var log = EventLogger.Open(_dir.Options() with { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        Producers.AddNumbered(log, 0, 0, 10_000);
        log.Flush();

        using var holder = _dir.OpenRaw();
        holder.Exec("BEGIN EXCLUSIVE");
        Producers.AddNumbered(log, 0, 10_000, 10_000);
        var stopwatch = Stopwatch.StartNew();
        var flush = Task.Run(log.Flush);
        await Task.Delay(1_500);
        Assert.False(flush.IsCompleted, $"Flush() returned while the lock was held ({flush.Status}: {flush.Exception?.InnerException?.Message})");
        Assert.True(log.BusyRetries > 0, "the writer never counted a busy retry while the lock was held past busy_timeout");
        holder.Exec("COMMIT");

        await flush.WaitAsync(TimeSpan.FromSeconds(15)); // throws TimeoutException if Flush() never returns
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1.5));
        Assert.Equal(0, log.FailedFlushes);
        Assert.Null(log.LastError);
        log.Dispose();

        Assert.Equal(20_000, log.WrittenEvents);
        using var db = _dir.OpenRaw(readOnly: true);
        FileChecks.AssertEachNumberedOnce(db, 1, 20_000);
        FileChecks.AssertSoundAndUntorn(db);
    }

    [Fact]
    public void Add_BlockPolicyWithStalledWriter_QueueNeverExceedsMaxQueuedEventsAndAllLand()
    {
        const int ProducerCount = 4;
        const int PerProducer = 10_000;
        const int MaxQueued = 5_000;
        using var log = OpenSmallQueue(OverflowPolicy.Block, MaxQueued);
        using var holder = HoldWriteLock();

        long maxQueued = 0;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                maxQueued = Math.Max(maxQueued, log.QueuedEvents);
                Thread.SpinWait(50);
            }
        });
        sampler.Start();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var producers = Producers.Start(log, ProducerCount, PerProducer, failures);

        Thread.Sleep(1_000);
        long addedWhileStalled = log.AddedEvents;
        long writtenWhileStalled = log.WrittenEvents;
        bool producersBlocked = producers.All(p => p.IsAlive);
        holder.Exec("COMMIT");
        foreach (var producer in producers)
            Assert.True(producer.Join(TimeSpan.FromSeconds(30)), "a producer stayed blocked after the lock was released");
        stop.Cancel();
        sampler.Join();
        log.Dispose();

        Assert.Empty(failures);
        Assert.Equal(0, writtenWhileStalled);
        Assert.True(producersBlocked, "the producers were not held back by the full queue");
        Assert.Equal(MaxQueued, addedWhileStalled);
        Assert.True(maxQueued <= MaxQueued, $"QueuedEvents reached {maxQueued}, above MaxQueuedEvents {MaxQueued}");
        Assert.Equal(ProducerCount * PerProducer, log.WrittenEvents);
        using var db = _dir.OpenRaw(readOnly: true);
        FileChecks.AssertEachNumberedOnce(db, ProducerCount, PerProducer);
        FileChecks.AssertSoundAndUntorn(db);
    }

    [Fact]
    public void Add_DropNewestPolicyWithStalledWriter_WrittenPlusDroppedEqualsAttempts()
    {
        const int ProducerCount = 4;
        const int PerProducer = 10_000;
        const int MaxQueued = 5_000;
        using var log = OpenSmallQueue(OverflowPolicy.DropNewest, MaxQueued);
        using var holder = HoldWriteLock();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var producers = Producers.Start(log, ProducerCount, PerProducer, failures);
        foreach (var producer in producers)
            Assert.True(producer.Join(TimeSpan.FromSeconds(30)), "a producer blocked under DropNewest");
        long queuedWhileStalled = log.QueuedEvents;
        holder.Exec("COMMIT");
        log.Dispose();

        Assert.Empty(failures);
        Assert.Equal(MaxQueued, queuedWhileStalled);
        Assert.Equal(ProducerCount * PerProducer - MaxQueued, log.DroppedEvents);
        Assert.Equal(ProducerCount * PerProducer, log.WrittenEvents + log.DroppedEvents);
        Assert.Equal(log.AddedEvents, log.WrittenEvents);
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal(log.WrittenEvents, db.Long("SELECT count(*) FROM numbered"));
        Assert.Equal(log.WrittenEvents, db.Long("SELECT count(*) FROM (SELECT DISTINCT e.producer, n.seq FROM fault_event e JOIN numbered n ON n.id = e.id)"));
        FileChecks.AssertSoundAndUntorn(db);
    }

    [Fact]
    public async Task DisposeAsync_CancelledWhileWriterIsStalled_ThrowsShutdownExceptionWithExactUnwrittenCount()
    {
        var log = EventLogger.Open(_dir.Options() with { BusyTimeout = TimeSpan.FromMilliseconds(100) });
        Producers.AddNumbered(log, 0, 0, 1_000);
        await log.FlushAsync();
        using var holder = _dir.OpenRaw();
        holder.Exec("BEGIN EXCLUSIVE");
        Producers.AddNumbered(log, 0, 1_000, 4_000);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var ex = await Assert.ThrowsAsync<EventDbShutdownException>(async () => await log.DisposeAsync(cancel.Token));
        holder.Exec("COMMIT");

        using var db = _dir.OpenRaw(readOnly: true);
        long inFile = db.Long("SELECT count(*) FROM numbered");
        Assert.Equal(5_000 - inFile, ex.UnwrittenEvents);
        Assert.Equal(4_000, ex.UnwrittenEvents);
        Assert.Contains(ex.UnwrittenEvents.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => log.Add(new Numbered { Seq = 1 }));
        FileChecks.AssertSoundAndUntorn(db);
    }

    [Fact]
    public async Task Open_WhileAnotherConnectionHoldsTheWriteLockPastBusyTimeout_WaitsItOutAndCountsTheRetries()
    {
        EventLogger.Open(_dir.Options()).Dispose(); // the tables exist; Open still writes (WAL, schema check) under a lock
        var holder = HoldWriteLock();
        var release = Task.Delay(2_000).ContinueWith(_ => holder.Exec("COMMIT"), TaskScheduler.Default);

        var stopwatch = Stopwatch.StartNew();
        using var log = EventLogger.Open(_dir.Options() with { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        stopwatch.Stop();
        await release;
        holder.Dispose();

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1.5), $"Open returned after {stopwatch.Elapsed} while the lock was held");
        Assert.True(log.BusyRetries > 0, "Open waited without counting its retries");
        Producers.AddNumbered(log, 0, 0, 100);
        log.Flush();
        Assert.Equal(100, log.WrittenEvents);
    }

    [Fact]
    public void Open_WhileTheLockIsHeldPastOpenTimeout_FailsWithAClearEventDbException()
    {
        EventLogger.Open(_dir.Options()).Dispose();
        using var holder = HoldWriteLock();

        var ex = Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options() with
        {
            BusyTimeout = TimeSpan.FromMilliseconds(100),
            OpenTimeout = TimeSpan.FromMilliseconds(500),
        }));

        Assert.Contains("stayed locked by another connection for the open timeout (0.5 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.DbPath, ex.Message, StringComparison.Ordinal);
        holder.Exec("COMMIT");
        using var log = EventLogger.Open(_dir.Options()); // the failed Open left no writer lock behind
    }

    [Fact]
    public void Demo_WhenTheFileIsHeldByAnotherWriter_PrintsOneLineAndExitsOne()
    {
        using var log = EventLogger.Open(_dir.Options());
        using var demo = ChildProcess.Start("EventDb.Demo", "--out", _dir.Path, "--events", "10");

        Assert.Equal(1, demo.WaitForExit(TimeSpan.FromSeconds(60)));
        var error = demo.StandardError.Trim();
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains($"already open for writing by process {Environment.ProcessId}", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error); // one line, no stack trace
    }

    [Fact]
    public void AnotherConnection_GetsTheWriteLock_WhileTheLoggerWritesWithoutPause()
    {
        using var log = EventLogger.Open(_dir.Options() with { BufferSize = 2_000, MaxQueuedEvents = 8_000, Overflow = OverflowPolicy.Block });
        bool stop = false;
        var producer = new Thread(() =>
        {
            for (long seq = 0; !Volatile.Read(ref stop); seq++)
                log.Add(new Numbered { Producer = 0, Seq = seq });
        });
        producer.Start();
        try
        {
            Thread.Sleep(500); // the writer is busy from here on
            using var other = _dir.OpenRaw(busyTimeoutMs: 15_000);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            other.Exec("BEGIN IMMEDIATE"); // fails after 15 s if the writer never leaves the lock free
            waited.Stop();
            other.Exec("ROLLBACK");
            Assert.True(waited.Elapsed < WriteLockCourtesy.Interval + TimeSpan.FromSeconds(2), $"waited {waited.Elapsed} for the write lock");
        }
        finally
        {
            Volatile.Write(ref stop, true);
            producer.Join();
        }
    }
}
