using System.Runtime.CompilerServices;

namespace EventDb;

// The producers' side: each thread's buffers, found by a thread-static lookup, registered under a lock the first time
// a thread adds a type; the first producer's plain-store ids, ended when a second producer or disposal arrives.
public sealed partial class EventLogger
{
    // Every producer thread's buffers; replaced (copy-on-write) under _registrationLock.
    private EventBuffer[] _buffers = [];
    private readonly Dictionary<Thread, ThreadBuffers> _threadBuffers = [];
    private object?[] _segmentPools = []; // EventBuffer<T>.SegmentPool by EventTypeSlot<T>.Index
    private Thread? _idOwner; // the first producer: it takes ids with plain stores until another thread adds

    // The calling thread's buffers for the logger it used last; another logger looks its own up under the lock.
    [ThreadStatic]
    private static ThreadBuffers? t_buffers;

    /// <summary>One producer thread's buffers in one logger, indexed by <see cref="EventTypeSlot{T}.Index"/>.</summary>
    private sealed class ThreadBuffers(EventLogger logger)
    {
        public EventLogger Logger { get; } = logger;

        public EventBuffer?[] BySlot { get; set; } = [];
    }

    private readonly Lock _registrationLock = new();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private EventBuffer<T> GetBuffer<T>() where T : struct, IEventTable<T>
    {
        var buffers = t_buffers;
        int slot = EventTypeSlot<T>.Index;
        if (buffers is not null && buffers.Logger == this && (uint)slot < (uint)buffers.BySlot.Length && buffers.BySlot[slot] is { } buffer)
            return Unsafe.As<EventBuffer<T>>(buffer);
        return Register<T>();
    }

    /// <summary>
    /// Creates or checks the type's table (once per logger) and gives the calling thread its buffer for the type.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private EventBuffer<T> Register<T>() where T : struct, IEventTable<T>
    {
        EnsureTable(T.Schema);
        lock (_registrationLock)
        {
            // No buffer appears once disposal began: the writer's last pass has every buffer that can hold an id.
            ThrowIfStopped();
            var thread = Thread.CurrentThread;
            _idOwner ??= thread;
            if (thread != _idOwner)
                ShareIdsInsideLock();
            if (!_threadBuffers.TryGetValue(thread, out var mine))
                _threadBuffers.Add(thread, mine = new ThreadBuffers(this));
            t_buffers = mine;
            int slot = EventTypeSlot<T>.Index;
            if (slot < mine.BySlot.Length && mine.BySlot[slot] is { } existing)
                return (EventBuffer<T>)existing;

            if (slot >= _segmentPools.Length)
                Array.Resize(ref _segmentPools, slot + 1);
            // Enough recycled segments for a full queue (4 x BufferSize under Grow): a steady producer allocates nothing.
            var pool = (EventBuffer<T>.SegmentPool)(_segmentPools[slot] ??= new EventBuffer<T>.SegmentPool(
                maxPooledEvents: (int)Math.Min(_sequence.MaxQueued, 4L * _bufferSize)));
            var buffer = new EventBuffer<T>(thread, !_sequence.IsShared, pool);
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
    private void ShareIds()
    {
        lock (_registrationLock)
            ShareIdsInsideLock();
    }

    private void ShareIdsInsideLock()
    {
        if (_sequence.IsShared)
            return;
        _sequence.MarkShared();
        Interlocked.MemoryBarrierProcessWide();
        foreach (var buffer in _buffers)
        {
            if (buffer.OwnsIds)
                buffer.WaitForAddInFlight();
        }
    }

    /// <summary>How many per-thread, per-type buffers the logger holds (for tests).</summary>
    internal int BufferCount => Volatile.Read(ref _buffers).Length;

    /// <summary>
    /// Drops the buffers of threads that have exited once the writer has written everything they held, so a program
    /// that adds from many short-lived threads does not accumulate them. Writer thread only, between flushes.
    /// </summary>
    private void DropBuffersOfExitedThreads()
    {
        var buffers = Volatile.Read(ref _buffers);
        if (Array.TrueForAll(buffers, b => b.Producer.IsAlive || !b.IsDrained))
            return;
        lock (_registrationLock)
        {
            Volatile.Write(ref _buffers, Array.FindAll(_buffers, b => b.Producer.IsAlive || !b.IsDrained));
            foreach (var thread in _threadBuffers.Keys.Where(t => !t.IsAlive).ToList())
            {
                if (Array.TrueForAll(_threadBuffers[thread].BySlot, b => b is null || b.IsDrained))
                    _threadBuffers.Remove(thread);
            }
        }
    }
}
