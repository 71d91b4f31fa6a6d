using System.Globalization;
using EventDb.Penguin;

namespace EventDb.Tests;

/// <summary>
/// Each producer thread appends to buffers of its own; these check what that must not change: one id order across
/// threads, Flush covering what other threads added before it, and no buffer left behind by threads that exited.
/// </summary>
public sealed class ProducerThreadTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Add_HandedBackAndForthBetweenTwoThreads_IdsFollowTheHandOffs()
    {
        const int Steps = 2_000;
        using (var log = EventLogger.Open(_dir.Options()))
        {
            // Thread 0 adds the even steps as syscalls, thread 1 the odd ones as writes; each waits for the other's turn.
            var turns = new[] { new SemaphoreSlim(1), new SemaphoreSlim(0) };
            var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
            {
                for (int step = t; step < Steps; step += 2)
                {
                    turns[t].Wait();
                    if (t == 0)
                        log.Add(new Syscall { Name = "sys_read", ProcId = step });
                    else
                        log.Add(new Write { Fd = 1, ProcId = step });
                    turns[1 - t].Release();
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        using var db = _dir.OpenRaw();
        var rows = db.QueryText("SELECT e.id, e.proc_id, e.type FROM event e ORDER BY e.id");
        Assert.Equal(Steps, rows.Count);
        for (int step = 0; step < Steps; step++)
        {
            Assert.Equal((step + 1).ToString(CultureInfo.InvariantCulture), rows[step][0]);
            Assert.Equal(step.ToString(CultureInfo.InvariantCulture), rows[step][1]);
            Assert.Equal(step % 2 == 0 ? "syscall" : "write", rows[step][2]);
        }
        // Every child row is in its own table under its event's id.
        Assert.Equal(Steps / 2, db.QueryInt64("SELECT count(*) FROM syscall s JOIN event e ON e.id = s.id WHERE e.proc_id % 2 = 0"));
        Assert.Equal(Steps / 2, db.QueryInt64("SELECT count(*) FROM write w JOIN event e ON e.id = w.id WHERE e.proc_id % 2 = 1"));
    }

    [Fact]
    public void Flush_OnAnotherThread_CommitsEverythingAProducerAddedBeforeIt()
    {
        const int Rounds = 20, PerRound = 5_000;
        using var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1), BufferSize = 1_000_000 });
        using var added = new SemaphoreSlim(0);
        using var checkedIt = new SemaphoreSlim(0);
        var producer = new Thread(() =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                for (int i = 0; i < PerRound; i++)
                {
                    if (i % 10 == 0)
                        log.Add(new Read { Fd = round, Fname = "/dev/null", ProcId = i });
                    else
                        log.Add(new Syscall { Name = "sys_write", ProcId = i });
                }
                added.Release();
                checkedIt.Wait();
            }
        });
        producer.Start();
        using var db = _dir.OpenRaw();
        for (int round = 1; round <= Rounds; round++)
        {
            added.Wait();
            log.Flush();
            Assert.Equal(round * PerRound, db.QueryInt64("SELECT count(*) FROM event"));
            Assert.Equal(round * PerRound / 10, db.QueryInt64("SELECT count(*) FROM read"));
            checkedIt.Release();
        }
        producer.Join();
    }

    [Fact]
    public void Add_FromManyShortLivedThreads_EveryEventLandsAndTheirBuffersAreDropped()
    {
        const int Threads = 40, PerThread = 50;
        // No timed flush: one between the threads' exit and the count below would drop their buffers early.
        using var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1) });
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                if (i % 2 == 0)
                    log.Add(new Syscall { Name = "sys_getpid", Arg0 = (ulong)t, ProcId = i });
                else
                    log.Add(new Write { Fd = t, ProcId = i });
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(2 * Threads, log.BufferCount); // a syscall and a write buffer per thread

        log.Flush();

        Assert.Equal(0, log.BufferCount);
        Assert.Equal(Threads * PerThread, log.WrittenEvents);
        using var db = _dir.OpenRaw();
        Assert.Equal(Threads * PerThread, db.QueryInt64("SELECT count(DISTINCT id) FROM event"));
        // Per thread, its events are in the order it added them.
        Assert.All(ProducerOrder.AssertEachInOrder(db, Threads), n => Assert.Equal(PerThread, n));

        // A thread that is still alive keeps its buffer, and the logger goes on writing it.
        log.Add(new Syscall { Name = "sys_exit", ProcId = 1 });
        log.Flush();
        Assert.Equal(1, log.BufferCount);
        Assert.Equal(Threads * PerThread + 1, db.QueryInt64("SELECT count(*) FROM event"));
    }

    [Fact]
    public void Add_ToTwoLoggersInTurnFromOneThread_EachFileGetsOnlyItsOwnEvents()
    {
        using var other = new TempDirectory();
        using (var first = EventLogger.Open(_dir.Options()))
        using (var second = EventLogger.Open(other.Options()))
        {
            for (int i = 0; i < 1_000; i++)
            {
                first.Add(new Syscall { Name = "first", ProcId = i });
                second.Add(new Syscall { Name = "second", ProcId = i });
                second.Add(new Write { Fd = 2, ProcId = i });
            }
        }

        using var firstDb = _dir.OpenRaw();
        using var secondDb = other.OpenRaw();
        Assert.Equal([["first", "1000"]], firstDb.QueryText("SELECT name, count(*) FROM syscall GROUP BY name"));
        Assert.Equal([["second", "1000"]], secondDb.QueryText("SELECT name, count(*) FROM syscall GROUP BY name"));
        Assert.Equal(1_000, secondDb.QueryInt64("SELECT count(*) FROM write"));
        Assert.Equal(1_000, firstDb.QueryInt64("SELECT max(id) FROM event"));
        Assert.Equal(2_000, secondDb.QueryInt64("SELECT max(id) FROM event"));
    }

    [Fact]
    public void Add_SecondProducerJoinsWhileTheFirstIsAdding_EveryEventOnceInEachProducersOrder()
    {
        // The first producer takes ids with plain stores until the second one arrives; the hand-over must lose nothing.
        const int First = 300_000, Second = 100_000;
        using var secondMayStart = new ManualResetEventSlim();
        using (var log = EventLogger.Open(_dir.Options() with { BufferSize = 50_000 }))
        {
            var first = new Thread(() =>
            {
                for (int i = 0; i < First; i++)
                {
                    log.Add(new Syscall { Name = "first", Arg0 = 0, ProcId = i });
                    if (i == 20_000)
                        secondMayStart.Set();
                }
            });
            var second = new Thread(() =>
            {
                secondMayStart.Wait();
                for (int i = 0; i < Second; i++)
                    log.Add(new Write { Fd = 1, ProcId = i });
            });
            first.Start();
            second.Start();
            first.Join();
            second.Join();
        }

        using var db = _dir.OpenRaw();
        Assert.Equal(First + Second, db.QueryInt64("SELECT count(*) FROM event"));
        Assert.Equal(First + Second, db.QueryInt64("SELECT max(id) FROM event"));
        Assert.Equal([First, Second], ProducerOrder.AssertEachInOrder(db, 2));
    }

    [Fact]
    public void Dispose_WhileTheOnlyProducerIsAdding_EveryAcceptedEventIsWrittenAndNoLaterOne()
    {
        long accepted = 0;
        var log = EventLogger.Open(_dir.Options());
        using var started = new ManualResetEventSlim();
        var producer = new Thread(() =>
        {
            try
            {
                for (int i = 0; ; i++)
                {
                    log.Add(new Syscall { Name = "sys_read", ProcId = i });
                    accepted = i + 1;
                    if (i == 10_000)
                        started.Set();
                }
            }
            catch (ObjectDisposedException)
            {
            }
        });
        producer.Start();
        started.Wait();
        Thread.Sleep(50);
        log.Dispose();
        producer.Join();

        Assert.Equal(accepted, log.AddedEvents);
        Assert.Equal(accepted, log.WrittenEvents);
        using var db = _dir.OpenRaw();
        Assert.Equal(accepted, db.QueryInt64("SELECT count(*) FROM event"));
        Assert.Equal(accepted, db.QueryInt64("SELECT max(id) FROM event"));
        Assert.Equal(accepted - 1, db.QueryInt64("SELECT max(proc_id) FROM event"));
    }
}
