using System.Diagnostics;
using SQLitePCL;

namespace EventDb.FaultTests;

/// <summary>Many producers, random flushes, and a concurrent reader: nothing lost, nothing doubled, nothing blocked.</summary>
public sealed class VolumeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Add_EightProducersWithRandomFlushesThenDispose_EveryEventWrittenExactlyOnce()
    {
        const int ProducerCount = 8;
        const int PerProducer = 250_000;
        long flushes = 0;
        using var log = EventLogger.Open(_dir.Options());
        using var done = new CancellationTokenSource();
        var flushers = Enumerable.Range(0, 2).Select(f => new Thread(() =>
        {
            var random = new Random(f);
            while (!done.IsCancellationRequested)
            {
                Thread.Sleep(random.Next(0, 30));
                log.Flush();
                Interlocked.Increment(ref flushes);
            }
        })).ToArray();
        foreach (var flusher in flushers)
            flusher.Start();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        foreach (var producer in Producers.Start(log, ProducerCount, PerProducer, failures))
            producer.Join();
        Assert.Empty(failures);
        done.Cancel();
        foreach (var flusher in flushers)
            Assert.True(flusher.Join(TimeSpan.FromSeconds(60)), "a Flush() call never returned");
        log.Dispose();

        Assert.True(Interlocked.Read(ref flushes) > 0);
        Assert.Equal(ProducerCount * PerProducer, log.AddedEvents);
        Assert.Equal(ProducerCount * PerProducer, log.WrittenEvents);
        Assert.Equal(0, log.QueuedEvents);
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal(ProducerCount * PerProducer, db.Long("SELECT count(*) FROM fault_event"));
        Assert.Equal(ProducerCount * PerProducer, db.Long("SELECT max(id) - min(id) + 1 FROM fault_event"));
        FileChecks.AssertEachNumberedOnce(db, ProducerCount, PerProducer);
        FileChecks.AssertSoundAndUntorn(db);
    }

    [Fact]
    public void Reader_PollsCountWhileMillionEventsAreWritten_CountOnlyGrowsAndNeverBusy()
    {
        const int ProducerCount = 2;
        const int PerProducer = 500_000;
        using var log = EventLogger.Open(_dir.Options() with { BufferSize = 20_000, FlushInterval = TimeSpan.FromMilliseconds(20) });

        // No busy_timeout on the reader: a lock it had to wait for would come back as SQLITE_BUSY at once.
        using var reader = _dir.OpenRaw(readOnly: true, busyTimeoutMs: 0);
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(reader.Handle, "SELECT count(*) FROM numbered", out var count));
        var errors = new List<string>();
        var regressions = new List<string>();
        long polls = 0, distinct = 0, last = 0;
        using var stop = new CancellationTokenSource();
        var poller = new Thread(() =>
        {
            while (true)
            {
                bool final = stop.IsCancellationRequested;
                int rc = raw.sqlite3_step(count);
                if (rc == raw.SQLITE_ROW)
                {
                    long now = raw.sqlite3_column_int64(count, 0);
                    if (now < last)
                        regressions.Add($"{last} -> {now}");
                    if (now != last)
                        distinct++;
                    last = now;
                }
                else
                {
                    errors.Add($"{rc} {reader.Error}");
                }
                raw.sqlite3_reset(count);
                polls++;
                if (final)
                    return;
            }
        });
        poller.Start();

        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        foreach (var producer in Producers.Start(log, ProducerCount, PerProducer, failures))
            producer.Join();
        Assert.Empty(failures);
        log.Dispose();
        stop.Cancel();
        poller.Join();
        count.Dispose();

        Assert.Empty(errors);
        Assert.Empty(regressions);
        Assert.Equal(ProducerCount * PerProducer, last);
        Assert.True(distinct > 2, $"the reader saw only {distinct} distinct counts in {polls} polls: it did not watch the file grow");
        using var db = _dir.OpenRaw(readOnly: true);
        FileChecks.AssertEachNumberedOnce(db, ProducerCount, PerProducer);
        FileChecks.AssertSoundAndUntorn(db);
    }
}
