using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// The ids of one logger. An <see cref="EventLogger.Add{T}(in T)"/> takes the next id with one compare-and-swap that
/// also checks the queue bound and the dispose flag, so ids are in arrival order, the bound is exact, and no id is
/// handed out once disposal began. The event itself is copied into the producer thread's own buffer, outside any
/// shared state; the writer waits for copies in flight before it takes (see <see cref="EventBuffer.WaitForAddInFlight"/>).
/// </summary>
/// <remarks>
/// <para>
/// While only one thread has ever added, that thread (the owner) takes ids with a plain store: no atomic instruction,
/// which would also wait for the stores of the previous event's copy to drain. The first other producer, or disposal,
/// ends that for good (<see cref="ProducerRegistry.ShareIds"/>): it sets <c>_shared</c>, has every thread pass a
/// memory barrier, and waits out the owner's Add in flight; from then on everyone uses the compare-and-swap.
/// </para>
/// <para>
/// <c>_lastId</c>, which every producer swaps, <c>_retiredId</c> with <c>_wakeRequested</c>, written by the writer, and <c>_shared</c> with
/// <c>_maxQueued</c>, only read, sit on cache lines of their own: with two producers the first line moves between the
/// cores on every Add, and a read of anything beside it would cost a transfer of its own. The dispose and freeze flags
/// are high bits of <c>_lastId</c>: setting one makes every later compare-and-swap fail, so the last id is final the
/// moment the flag is set.
/// </para>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 320)]
internal sealed class EventSequence
{
    public const long Full = 0;
    public const long Disposed = -1;
    public const long Frozen = -2;
    public const long Exhausted = -3;

    private const long DisposedFlag = 1L << 62;
    private const long FrozenFlag = 1L << 61;
    private const long Flags = DisposedFlag | FrozenFlag;

    /// <summary>The largest id a logger assigns: the flags live in the bits above it.</summary>
    public const long LastAssignableId = FrozenFlag - 1;

    [FieldOffset(64)]
    private long _lastId;

    [FieldOffset(128)]
    private long _retiredId;

    // Beside _retiredId, which every Add reads: the writer clears it when it wakes, an Add over BufferSize sets it.
    [FieldOffset(136)]
    private bool _wakeRequested;

    [FieldOffset(192)]
    private readonly long _maxQueued;

    [FieldOffset(200)]
    private int _shared;

    public EventSequence(long lastId, long maxQueued)
    {
        _lastId = _retiredId = lastId;
        _maxQueued = maxQueued;
    }

    public long MaxQueued => _maxQueued;

    /// <summary>The last id assigned.</summary>
    public long LastId => Volatile.Read(ref _lastId) & ~Flags;

    /// <summary>The id count through which events are written or rejected; <see cref="LastId"/> minus it is the queue.</summary>
    public long RetiredId => Volatile.Read(ref _retiredId);

    public long Queued => LastId - RetiredId;

    /// <summary>Whether an Add has asked the writer to flush since it last woke: later Adds need not ask again.</summary>
    public bool WakeRequested
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _wakeRequested);
        set => Volatile.Write(ref _wakeRequested, value);
    }

    public bool IsDisposing => (Volatile.Read(ref _lastId) & DisposedFlag) != 0;

    /// <summary>Whether <see cref="Freeze"/> holds new ids back (the process is shutting down).</summary>
    public bool IsFrozen => (Volatile.Read(ref _lastId) & FrozenFlag) != 0;

    /// <summary>Whether ids are taken by compare-and-swap only (a second producer appeared, or disposal began).</summary>
    public bool IsShared => Volatile.Read(ref _shared) != 0;

    /// <summary>
    /// Assigns the next id with a plain store, or returns <see cref="Full"/> or <see cref="Exhausted"/>. Only the owner
    /// thread, and only after reading <see cref="IsShared"/> false with its Add marked in flight: until then no one else
    /// writes <c>_lastId</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long TryNextOwned()
    {
        long next = _lastId + 1;
        if (next > LastAssignableId)
            return Exhausted;
        if (next - Volatile.Read(ref _retiredId) > _maxQueued)
            return Full;
        Volatile.Write(ref _lastId, next);
        return next;
    }

    /// <summary>Ends the owner's plain stores; the caller then makes every thread pass a barrier and waits out its Add.</summary>
    public void MarkShared() => Interlocked.Exchange(ref _shared, 1);

    /// <summary>Assigns the next id, or returns <see cref="Full"/>, <see cref="Frozen"/>, <see cref="Disposed"/> or <see cref="Exhausted"/>.</summary>
    /// <param name="lastSeen">
    /// The calling producer's guess of the last id (the one it was last given): a right guess takes the id with a single
    /// compare-and-swap. Any value not above the true one is correct (ids only grow); a stale one costs a failed swap,
    /// which returns the true value.
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long TryNext(ref long lastSeen)
    {
        // No separate read of _lastId: a plain read would fetch its line shared from the other producer's core and the
        // swap would need a second transfer to own it; a failed swap owns the line and returns the value at once.
        long last = lastSeen;
        while (true)
        {
            if ((last & Flags) != 0)
                return (last & FrozenFlag) != 0 ? Frozen : Disposed; // frozen wins: at exit, Adds wait rather than throw
            long next = last + 1;
            if (next > LastAssignableId)
                return Exhausted; // it would set a flag
            if (next - Volatile.Read(ref _retiredId) > _maxQueued)
            {
                // Full only by the true value: a stale guess does not show the dispose and freeze flags, which come
                // first (an Add waiting for room must see the logger disposed).
                long actual = Interlocked.CompareExchange(ref _lastId, 0, 0);
                if (actual == last)
                    return Full;
                last = actual;
                continue;
            }
            long seen = Interlocked.CompareExchange(ref _lastId, next, last);
            if (seen == last)
            {
                lastSeen = next;
                return next;
            }
            last = seen; // another producer took it, or the guess was stale
        }
    }

    /// <summary>Marks <paramref name="count"/> more events written or rejected. Writer thread only.</summary>
    public void Retire(long count) => Volatile.Write(ref _retiredId, _retiredId + count);

    /// <summary>
    /// Sets the dispose flag, after which no id is assigned; returns whether this call set it. Only once
    /// <see cref="IsShared"/>: an owner's plain store could otherwise overwrite the flag.
    /// </summary>
    public bool BeginDispose() => (Interlocked.Or(ref _lastId, DisposedFlag) & DisposedFlag) == 0;

    /// <summary>
    /// Holds every later id back until <see cref="Thaw"/>, so the last id is final while the process shuts down.
    /// Only once <see cref="IsShared"/>, like <see cref="BeginDispose"/>.
    /// </summary>
    public void Freeze() => Interlocked.Or(ref _lastId, FrozenFlag);

    /// <summary>Lets ids be taken again after <see cref="Freeze"/>.</summary>
    public void Thaw() => Interlocked.And(ref _lastId, ~FrozenFlag);
}
