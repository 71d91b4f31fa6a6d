using System.Runtime.CompilerServices;

namespace EventDb;

/// <summary>
/// The producers' side of one logger: each thread's buffers, found by a thread-static lookup and registered under a
/// lock the first time a thread adds a type; the end of the first producer's plain-store ids when a second producer or
/// disposal arrives; and the wait of producers for room in a full queue.
/// </summary>
internal sealed class ProducerRegistry(EventSequence sequence, int bufferSize, object owner)
{
    // Every producer thread's buffers; replaced (copy-on-write) under _lock.
    private EventBuffer[] _buffers = [];
    private readonly Dictionary<Thread, ThreadBuffers> _threadBuffers = [];
    private object?[] _segmentPools = []; // EventBuffer<T>.SegmentPool by EventTypeSlot<T>.Index
    private Thread? _idOwner; // the first producer: it takes ids with plain stores until another thread adds
    private readonly Lock _lock = new();
    private readonly object _roomLock = new(); // Monitor: producers wait for room, every commit pulses

    // The calling thread's buffers for the logger it used last; another logger looks its own up under the lock.
    [ThreadStatic]
    private static ThreadBuffers? t_buffers;

    /// <summary>The calling thread's buffers for the logger it used last (<see cref="ThreadBuffers.Owner"/> says which).</summary>
    public static ThreadBuffers? Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => t_buffers;
    }

    /// <summary>Every producer thread's buffers, as the writer reads them.</summary>
    public EventBuffer[] Buffers => Volatile.Read(ref _buffers);

    /// <summary>How many per-thread, per-type buffers the logger holds (for tests).</summary>
    public int BufferCount => Volatile.Read(ref _buffers).Length;

    /// <summary>
    /// Gives the calling thread its buffer for <typeparamref name="T"/>, made the first time; null once disposal began
    /// (the writer's last pass has every buffer that can hold an id, so none appears after it).
    /// </summary>
    public EventBuffer<T>? Register<T>() where T : struct, IEventTable<T>
    {
        lock (_lock)
        {
            if (sequence.IsDisposing)
                return null;
            var thread = Thread.CurrentThread;
            _idOwner ??= thread;
            if (thread != _idOwner)
                ShareIdsInsideLock();
            if (!_threadBuffers.TryGetValue(thread, out var mine))
                _threadBuffers.Add(thread, mine = new ThreadBuffers(owner));
            t_buffers = mine;
            int slot = EventTypeSlot<T>.Index;
            if (slot < mine.BySlot.Length && mine.BySlot[slot] is { } existing)
                return (EventBuffer<T>)existing;

            if (slot >= _segmentPools.Length)
                Array.Resize(ref _segmentPools, slot + 1);
            // Recycled segments for a full queue (4 x BufferSize under Grow) at least: a steady producer allocates nothing,
            // nor does one whose queue keeps growing past that (see SegmentPool).
            var pool = (EventBuffer<T>.SegmentPool)(_segmentPools[slot] ??= new EventBuffer<T>.SegmentPool(
                maxPooledEvents: (int)Math.Min(sequence.MaxQueued, 4L * bufferSize)));
            var buffer = new EventBuffer<T>(thread, !sequence.IsShared, pool);
            var bySlot = new EventBuffer?[Math.Max(mine.BySlot.Length, slot + 1)];
            mine.BySlot.CopyTo(bySlot, 0);
            bySlot[slot] = buffer;
            mine.BySlot = bySlot;
            // Published before this thread takes an id for it, so a writer that has read that id sees the buffer.
            Volatile.Write(ref _buffers, [.. _buffers, buffer]);
            return buffer;
        }
    }

    /// <summary>
    /// Ends the first producer's plain-store ids (see <see cref="EventSequence"/>) before a second producer or disposal
    /// touches them: after the flag and a barrier on every thread, the owner's next Add sees the flag, and its Add in
    /// flight, if any, is waited out.
    /// </summary>
    public void ShareIds()
    {
        lock (_lock)
            ShareIdsInsideLock();
    }

    private void ShareIdsInsideLock()
    {
        if (sequence.IsShared)
            return;
        sequence.MarkShared();
        Interlocked.MemoryBarrierProcessWide();
        foreach (var buffer in _buffers)
        {
            if (buffer.OwnsIds)
                buffer.WaitForAddInFlight();
        }
    }

    /// <summary>
    /// Drops the buffers of threads that have exited once the writer has written everything they held, so a program
    /// that adds from many short-lived threads does not accumulate them. Writer thread only, between flushes.
    /// </summary>
    public void DropBuffersOfExitedThreads()
    {
        var buffers = Volatile.Read(ref _buffers);
        if (Array.TrueForAll(buffers, b => b.Producer.IsAlive || !b.IsDrained))
            return;
        lock (_lock)
        {
            Volatile.Write(ref _buffers, Array.FindAll(_buffers, b => b.Producer.IsAlive || !b.IsDrained));
            foreach (var thread in _threadBuffers.Keys.Where(t => !t.IsAlive).ToList())
            {
                if (Array.TrueForAll(_threadBuffers[thread].BySlot, b => b is null || b.IsDrained))
                    _threadBuffers.Remove(thread);
            }
        }
    }

    /// <summary>Waits while the queue is full (or, frozen for shutdown, while it stays frozen); woken by every commit.</summary>
    public void WaitForRoom(bool frozen)
    {
        lock (_roomLock)
        {
            while (frozen ? sequence.IsFrozen : sequence.Queued >= sequence.MaxQueued && !sequence.IsDisposing)
                Monitor.Wait(_roomLock, 100);
        }
    }

    /// <summary>Wakes the producers waiting for room: a commit made some, or disposal or a thaw let them go on.</summary>
    public void WakeProducers()
    {
        lock (_roomLock)
            Monitor.PulseAll(_roomLock);
    }
}

/// <summary>One producer thread's buffers in one logger, indexed by <see cref="EventTypeSlot{T}.Index"/>.</summary>
internal sealed class ThreadBuffers(object owner)
{
    /// <summary>The logger these buffers belong to: the fast path compares it with itself.</summary>
    public object Owner { get; } = owner;

    public EventBuffer?[] BySlot { get; set; } = [];
}
