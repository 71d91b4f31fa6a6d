using System.Runtime.CompilerServices;
using EventDb.Penguin;

namespace EventDb.Benchmarks;

/// <summary>
/// The floor under <see cref="EventLogger.Add{T}(in T)"/>: the workload's events copied, each with an id, into
/// preallocated per-type arrays, which is what an EventDb buffer stores per event and nothing else (no validation, no
/// gate, no queue bound). The arrays are reused every invocation, so each copy lands in memory last written one
/// invocation ago, as cold as the logger's recycled segments. On this machine class that copy alone swings between
/// about 17 and 55 ns from run to run: it is bound by the host's memory bandwidth.
/// </summary>
internal sealed class CopySink
{
    private struct Stored<T>
    {
        public long Id;
        public T Row;
    }

    private readonly Stored<Syscall>[] _syscalls;
    private readonly Stored<Read>[] _reads;
    private readonly Stored<Write>[] _writes;
    private long _nextId;

    /// <param name="maxEvents">The most events one <see cref="CopyRange"/> copies.</param>
    public CopySink(int maxEvents)
    {
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Stored<T>[] destination, ref int count, long id, in T row)
    {
        ref var stored = ref destination[count++];
        stored.Id = id;
        stored.Row = row;
    }
}
