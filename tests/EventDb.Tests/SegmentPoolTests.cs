using EventDb.Penguin;

namespace EventDb.Tests;

/// <summary>
/// The recycled segments of a buffer: a queue that grows past the pool's bound again and again reuses its segments
/// (allocating them on the producer's thread cost Add ~25 B and 20-40 ns an event), and a burst's memory that no
/// producer needs again is still let go.
/// </summary>
public sealed class SegmentPoolTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly int SegmentLength = EventBuffer<Syscall>.SegmentLength;

    /// <summary>A chain of <paramref name="count"/> full-length segments and the segment that ends it (not part of it).</summary>
    private static (EventBuffer<Syscall>.Segment First, EventBuffer<Syscall>.Segment End) Chain(int count)
    {
        var end = new EventBuffer<Syscall>.Segment(SegmentLength);
        var first = end;
        for (int i = 0; i < count; i++)
            first = new EventBuffer<Syscall>.Segment(SegmentLength) { Next = first };
        return (first, end);
    }

    [Fact]
    public void Return_PastTheBound_KeepsTheSegmentsUntilAWholePeriodPassesWithoutThem()
    {
        var period = TimeSpan.FromSeconds(1);
        var pool = new EventBuffer<Syscall>.SegmentPool(maxPooledEvents: SegmentLength, period); // bound: 2 segments
        Thread.Sleep(period); // the first period ends with nothing pooled

        var (first, end) = Chain(6);
        pool.Return(first, end);
        Assert.Equal(6, pool.Count); // kept past the bound: the next burst may need them

        Thread.Sleep(period * 1.5);
        var (one, oneEnd) = Chain(1);
        pool.Return(one, oneEnd); // a whole period with 6 unused: the 5 past the bound go, the one just returned is kept
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void Trim_OnAnIdlePassAfterAWholePeriod_LetsTheSurplusGo()
    {
        var period = TimeSpan.FromSeconds(1);
        var pool = new EventBuffer<Syscall>.SegmentPool(maxPooledEvents: SegmentLength, period);
        Thread.Sleep(period);
        var (first, end) = Chain(6);
        pool.Return(first, end);

        pool.Trim(); // not due: the period began with this Return
        Assert.Equal(6, pool.Count);
        Thread.Sleep(period * 1.5);
        pool.Trim(); // what the writer's idle pass calls: no segment returned, the surplus still goes
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void Rent_DuringThePeriod_KeepsTheSegmentsABurstTook()
    {
        var period = TimeSpan.FromSeconds(1);
        var pool = new EventBuffer<Syscall>.SegmentPool(maxPooledEvents: SegmentLength, period);
        Thread.Sleep(period);
        var (first, end) = Chain(6);
        pool.Return(first, end);
        Thread.Sleep(period * 1.5);
        var (one, oneEnd) = Chain(1);
        pool.Return(one, oneEnd); // trims to 2, the next period starts with 2 unused
        Assert.Equal(2, pool.Count);

        var (burst, burstEnd) = Chain(5);
        pool.Return(burst, burstEnd); // 7
        var rented = Enumerable.Range(0, 6).Select(_ => pool.Rent()).ToList(); // down to 1 unused
        Assert.All(rented, Assert.NotNull);
        rented[^1]!.Next = burstEnd;
        for (int i = rented.Count - 2; i >= 0; i--)
            rented[i]!.Next = rented[i + 1];
        pool.Return(rented[0]!, burstEnd); // 7 again
        Thread.Sleep(period * 1.5);
        pool.Return(burstEnd, burstEnd); // due: only the one no Rent took all period goes, the six the burst took stay
        Assert.Equal(6, pool.Count);
    }

    [Fact]
    public void Add_ASecondBurstPastTheQueueBoundUnderGrow_AllocatesNothing()
    {
        // BufferSize 1,000: the pool's bound is 4,000 events (10 syscall segments); each burst queues far more than
        // that before the writer commits it.
        using var log = EventLogger.Open(_dir.Options() with { BufferSize = 1_000, Overflow = OverflowPolicy.Grow });
        var evt = new Syscall { Name = "sys_read", Procname = "emu", ProcId = 1 };
        for (int i = 0; i < 30_000; i++)
            log.Add(in evt);
        log.Flush(); // every segment back in the pool, 3 times the bound

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20_000; i++)
            log.Add(in evt);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        log.Flush();
        Assert.Equal(50_000, log.WrittenEvents);
    }
}
