using EventDb.Penguin;

namespace EventDb.Tests.Storage;

/// <summary>The writer and the generated code against a storage that is not SQLite.</summary>
public sealed class StorageSeamTests
{
    /// <summary>Adds syscalls and writes from two threads' buffers, as two producers would.</summary>
    private static (EventSequence Sequence, EventBuffer[] Buffers) TwoProducers(params (int Thread, object Event)[] events)
    {
        var sequence = new EventSequence(0, long.MaxValue);
        sequence.MarkShared();
        var syscalls = new EventBuffer<Syscall>.SegmentPool(1_000);
        var writes = new EventBuffer<Write>.SegmentPool(1_000);
        var buffers = new Dictionary<(int, Type), EventBuffer>();
        foreach (var (thread, evt) in events)
        {
            switch (evt)
            {
                case Syscall s:
                    var sb = (EventBuffer<Syscall>)(buffers.TryGetValue((thread, typeof(Syscall)), out var b1) ? b1 : buffers[(thread, typeof(Syscall))] = new EventBuffer<Syscall>(Thread.CurrentThread, false, syscalls));
                    Assert.True(sb.TryAppend(in s, sequence) > 0);
                    break;
                case Write w:
                    var wb = (EventBuffer<Write>)(buffers.TryGetValue((thread, typeof(Write)), out var b2) ? b2 : buffers[(thread, typeof(Write))] = new EventBuffer<Write>(Thread.CurrentThread, false, writes));
                    Assert.True(wb.TryAppend(in w, sequence) > 0);
                    break;
            }
        }
        return (sequence, [.. buffers.Values]);
    }

    [Fact]
    public void Writer_WithAMemoryStore_WritesBaseRowsThenEachTableInIdOrderAcrossBuffers()
    {
        var (sequence, buffers) = TwoProducers(
            (0, new Syscall { Name = "a", Procname = "p", ProcId = 1 }),
            (1, new Write { Fd = 2, Procname = "q", ProcId = 2 }),
            (1, new Syscall { Name = "b", Arg0 = ulong.MaxValue, Procname = "q", ProcId = 2 }),
            (0, new Syscall { Name = "c", Procname = "p", ProcId = 1 }));
        using var writer = new EventWriter(new MemoryStore());

        var (written, rejected, through) = writer.Flush(sequence, () => buffers);

        Assert.Equal((4, 0, 4L), (written, rejected, through));
        var rows = ((MemoryStore)writer.Store).Rows;
        Assert.Equal(["event", "event", "event", "event", "syscall", "syscall", "syscall", "write"], rows.Select(r => r.Table));
        Assert.Equal([1L, 2L, 3L, 4L], rows.Take(4).Select(r => (long)r.Values[0]!));
        Assert.Equal(new object?[] { 2L, "write", "q", 2L }, rows[1].Values);
        Assert.Equal([1L, 3L, 4L], rows.Skip(4).Take(3).Select(r => (long)r.Values[0]!));
        Assert.Equal(-1L, rows[5].Values[4]); // arg0: ulong.MaxValue, wrapped by the generated code, whatever the store
    }

    [Fact]
    public void Writer_WithAMemoryStore_ARowTheStoreRefusesIsSkippedAloneAndReported()
    {
        var (sequence, buffers) = TwoProducers(
            (0, new Syscall { Name = "a" }),
            (0, new Syscall { Name = "\u0000refuse" }),
            (0, new Syscall { Name = "c" }));
        using var writer = new EventWriter(new MemoryStore());

        var (written, rejected, _) = writer.Flush(sequence, () => buffers);

        Assert.Equal((2, 1), (written, rejected));
        var rejection = Assert.Single(writer.Rejections);
        Assert.Equal(2, rejection.EventId);
        Assert.Contains("column 'syscall.name'", rejection.Message, StringComparison.Ordinal);
        Assert.Equal(1, ((MemoryStore)writer.Store).Batches);
    }
}
