using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EventDb.Penguin;

namespace EventDb.Benchmarks;

/// <summary>
/// The floor under <see cref="EventLogger.Add{T}(in T)"/>: the workload's events copied, each with an id, into
/// preallocated per-type arrays, which is what an EventDb buffer stores per event and nothing else (no validation, no
/// gate, no queue bound). The arrays are reused every invocation, so each copy lands in memory last written one
/// invocation ago, as cold as the logger's recycled segments. On this machine class that copy alone swings between
/// about 17 and 55 ns from run to run: it is bound by the host's memory bandwidth.
/// </summary>
/// <remarks>
/// With a <see cref="SharedSequence"/>, each id is instead one atomic increment of a counter every sink shares: what
/// ids in arrival order across threads cost at the least (with two producers, the counter's cache line moves between
/// the cores on every event), which private copies never pay.
/// </remarks>
internal sealed class CopySink
{
    /// <summary>One counter for the ids of several sinks, on a cache line of its own.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    public sealed class SharedSequence
    {
        [FieldOffset(64)]
        public long LastId;
    }

    private struct Stored<T>
    {
        public long Id;
        public T Row;
    }

    private readonly Stored<Syscall>[] _syscalls;
    private readonly Stored<Read>[] _reads;
    private readonly Stored<Write>[] _writes;
    private long _nextId;
    private readonly SharedSequence? _shared;

    /// <param name="maxEvents">The most events one <see cref="CopyRange"/> copies.</param>
    /// <param name="shared">Where ids come from, one atomic increment each; null: a private counter.</param>
    public CopySink(int maxEvents, SharedSequence? shared = null)
    {
        _shared = shared;
        _syscalls = new Stored<Syscall>[Capacity(PenguinTrace.Kind.Syscall, maxEvents)];
        _reads = new Stored<Read>[Capacity(PenguinTrace.Kind.Read, maxEvents)];
        _writes = new Stored<Write>[Capacity(PenguinTrace.Kind.Write, maxEvents)];
    }

    /// <summary>Room for every event of <paramref name="kind"/> in any run of <paramref name="events"/> workload events.</summary>
    private static int Capacity(PenguinTrace.Kind kind, int events)
    {
        var indices = Workload.Indices;
        int perCycle = indices.Count(i => Workload.Trace.KindAt(i) == kind);
        return (int)Math.Min(events, (long)perCycle * (events / indices.Length + 2));
    }

    /// <summary>Copies workload events <paramref name="start"/> on, the way <see cref="Workload.AddRange"/> adds them.</summary>
    public void CopyRange(long start, int count)
    {
        if (_shared is not null)
        {
            CopyRangeSequenced(start, count, _shared);
            return;
        }
        var trace = Workload.Trace;
        var pool = new Workload.PoolIndices(start);
        int syscalls = 0, reads = 0, writes = 0;
        long id = _nextId;
        for (int n = 0; n < count; n++)
        {
            int i = pool.Next();
            switch (trace.KindAt(i))
            {
                case PenguinTrace.Kind.Syscall: Store(_syscalls, ref syscalls, ++id, in trace.SyscallAt(i)); break;
                case PenguinTrace.Kind.Read: Store(_reads, ref reads, ++id, in trace.ReadAt(i)); break;
                default: Store(_writes, ref writes, ++id, in trace.WriteAt(i)); break;
            }
        }
        _nextId = id;
    }

    /// <summary><see cref="CopyRange"/> with each id taken from the shared counter.</summary>
    private void CopyRangeSequenced(long start, int count, SharedSequence shared)
    {
        var trace = Workload.Trace;
        var pool = new Workload.PoolIndices(start);
        int syscalls = 0, reads = 0, writes = 0;
        for (int n = 0; n < count; n++)
        {
            int i = pool.Next();
            long id = Interlocked.Increment(ref shared.LastId);
            switch (trace.KindAt(i))
            {
                case PenguinTrace.Kind.Syscall: Store(_syscalls, ref syscalls, id, in trace.SyscallAt(i)); break;
                case PenguinTrace.Kind.Read: Store(_reads, ref reads, id, in trace.ReadAt(i)); break;
                default: Store(_writes, ref writes, id, in trace.WriteAt(i)); break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Stored<T>[] destination, ref int count, long id, in T row)
    {
        ref var stored = ref destination[count++];
        stored.Id = id;
        stored.Row = row;
    }
}
