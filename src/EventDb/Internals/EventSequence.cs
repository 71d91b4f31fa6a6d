using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// The ids of one logger. Every <see cref="EventLogger.Add{T}(in T)"/> takes the next id with one compare-and-swap that
/// also checks the queue bound and the dispose flag, so ids are in arrival order, the bound is exact, and no id is
/// handed out once disposal began. The event itself is copied into the producer thread's own buffer, outside any
/// shared state; the writer waits for copies in flight before it takes (see <see cref="EventBuffer.WaitForAddInFlight"/>).
/// </summary>
/// <remarks>
/// <c>_lastId</c>, written by every producer, and <c>_retiredId</c>, written by the writer, sit on separate cache lines.
/// The dispose flag is the top bit of <c>_lastId</c>: setting it makes every later compare-and-swap fail, so the last id
/// is final the moment the flag is set.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal sealed class EventSequence
{
    public const long Full = 0;
    public const long Disposed = -1;

    private const long DisposedFlag = 1L << 62;

    [FieldOffset(64)]
    private long _lastId;

    [FieldOffset(128)]
    private long _retiredId;

    [FieldOffset(136)]
    private readonly long _maxQueued;

    public EventSequence(long lastId, long maxQueued)
    {
        _lastId = _retiredId = lastId;
        _maxQueued = maxQueued;
    }

    public long MaxQueued => _maxQueued;

    /// <summary>The last id assigned.</summary>
    public long LastId => Volatile.Read(ref _lastId) & ~DisposedFlag;

    /// <summary>The id count through which events are written or rejected; <see cref="LastId"/> minus it is the queue.</summary>
    public long RetiredId => Volatile.Read(ref _retiredId);

    public long Queued => LastId - RetiredId;

    public bool IsDisposing => (Volatile.Read(ref _lastId) & DisposedFlag) != 0;

    /// <summary>Assigns the next id, or returns <see cref="Full"/> or <see cref="Disposed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long TryNext()
    {
        long last = Volatile.Read(ref _lastId);
        while (true)
        {
            if ((last & DisposedFlag) != 0)
                return Disposed;
            long next = last + 1;
            if (next - Volatile.Read(ref _retiredId) > _maxQueued)
                return Full;
            long seen = Interlocked.CompareExchange(ref _lastId, next, last);
            if (seen == last)
                return next;
            last = seen; // another producer took it
        }
    }

    /// <summary>Marks <paramref name="count"/> more events written or rejected. Writer thread only.</summary>
    public void Retire(long count) => Volatile.Write(ref _retiredId, _retiredId + count);

    /// <summary>Sets the dispose flag, after which no id is assigned; returns whether this call set it.</summary>
    public bool BeginDispose() => (Interlocked.Or(ref _lastId, DisposedFlag) & DisposedFlag) == 0;
}
