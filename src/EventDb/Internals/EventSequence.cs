using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// The one gate every <see cref="EventLogger.Add{T}(in T)"/> passes: under it a producer checks the dispose flag and the
/// queue bound, takes the next id and appends to its type's buffer, so ids are in arrival order, every buffer is sorted
/// by id, and the writer, taking all buffers under the same gate, knows exactly which ids it holds.
/// </summary>
/// <remarks>
/// The gate is a spin lock: acquiring it is the only atomic instruction of an Add (a <c>lock</c> plus an interlocked id
/// cost three), and it is held for the length of one struct copy. The gate and <c>_lastId</c>, written by every
/// producer, share a cache line; <c>_retiredId</c>, written by the writer, has its own.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 320)]
internal sealed class EventSequence
{
    public const long Full = 0;
    public const long Disposed = -1;

    [FieldOffset(64)]
    private int _gate;

    [FieldOffset(72)]
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

    /// <summary>The id count through which events are written or rejected; <see cref="LastId"/> minus it is the queue.</summary>
    public long RetiredId => Volatile.Read(ref _retiredId);

    public long Queued => LastId - RetiredId;

    public bool IsDisposing => Volatile.Read(ref _disposing) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter()
    {
        if (Interlocked.CompareExchange(ref _gate, 1, 0) != 0)
            EnterContended();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterContended()
    {
        var spinner = new SpinWait();
        do
        {
            spinner.SpinOnce();
        }
        while (Volatile.Read(ref _gate) != 0 || Interlocked.CompareExchange(ref _gate, 1, 0) != 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Exit() => Volatile.Write(ref _gate, 0);

    /// <summary>
    /// Assigns the next id, or returns <see cref="Full"/> or <see cref="Disposed"/>. Inside the gate only: a producer that
    /// enters after the writer's last take sees the dispose flag.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long TryNextInsideGate()
    {
        if (Volatile.Read(ref _disposing) != 0)
            return Disposed;
        long next = _lastId + 1;
        if (next - Volatile.Read(ref _retiredId) > _maxQueued)
            return Full;
        Volatile.Write(ref _lastId, next);
        return next;
    }

    /// <summary>Marks <paramref name="count"/> more events written or rejected. Writer thread only.</summary>
    public void Retire(long count) => Volatile.Write(ref _retiredId, _retiredId + count);

    /// <summary>Sets the dispose flag; returns whether this call set it.</summary>
    public bool BeginDispose() => Interlocked.Exchange(ref _disposing, 1) == 0;
}
