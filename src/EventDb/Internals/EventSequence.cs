using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// The id counter that producers share, and the writer's mark of how many ids are written. Assigning an id is the
/// queue reservation: it fails when <see cref="MaxQueued"/> events already wait, or once the logger is disposing.
/// </summary>
/// <remarks>
/// Every producer writes <c>_lastId</c>; only the writer writes <c>_retiredId</c>. They sit on separate cache lines so
/// the writer's updates do not slow the producers.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 320)]
internal sealed class EventSequence
{
    public const long Full = 0;
    public const long Disposed = -1;

    [FieldOffset(64)]
    private long _lastId;

    [FieldOffset(192)]
    private long _retiredId;

    [FieldOffset(200)]
    private int _disposing;

    [FieldOffset(256)]
    private readonly long _maxQueued;

    public EventSequence(long lastId, long maxQueued)
    {
        _lastId = _retiredId = lastId;
        _maxQueued = maxQueued;
    }

    public long MaxQueued => _maxQueued;

    /// <summary>The last id assigned.</summary>
    public long LastId => Volatile.Read(ref _lastId);

    /// <summary>The id count through which events are written (or dropped); <see cref="LastId"/> minus it is the queue.</summary>
    public long RetiredId => Volatile.Read(ref _retiredId);

    public long Queued => LastId - RetiredId;

    public bool IsDisposing => Volatile.Read(ref _disposing) != 0;

    /// <summary>
    /// Assigns the next id, or returns <see cref="Full"/> or <see cref="Disposed"/>. Called under the lock of the buffer
    /// the event goes to, so the id and the append are one step for the writer, and a producer entering a buffer after
    /// the writer's last take sees the dispose flag.
    /// </summary>
    public long TryNext()
    {
        if (IsDisposing)
            return Disposed;
        long last = Volatile.Read(ref _lastId);
        while (true)
        {
            if (last - Volatile.Read(ref _retiredId) >= _maxQueued)
                return Full;
            long seen = Interlocked.CompareExchange(ref _lastId, last + 1, last);
            if (seen == last)
                return last + 1;
            last = seen;
        }
    }

    /// <summary>Marks <paramref name="count"/> more events written. Writer thread only.</summary>
    public void Retire(long count) => Volatile.Write(ref _retiredId, _retiredId + count);

    /// <summary>Sets the dispose flag; returns whether this call set it.</summary>
    public bool BeginDispose() => Interlocked.Exchange(ref _disposing, 1) == 0;
}
