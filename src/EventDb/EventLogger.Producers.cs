using System.Runtime.CompilerServices;

namespace EventDb;

// Add's way to the calling thread's buffer: a thread-static lookup, and the first time a thread adds a type, the
// type's table (the writer creates it) and a buffer made by the producer registry.
public sealed partial class EventLogger
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private EventBuffer<T> GetBuffer<T>() where T : struct, IEventTable<T>
    {
        var buffers = ProducerRegistry.Current;
        int slot = EventTypeSlot<T>.Index;
        if (buffers is not null && buffers.Owner == this && (uint)slot < (uint)buffers.BySlot.Length && buffers.BySlot[slot] is { } buffer)
            return Unsafe.As<EventBuffer<T>>(buffer);
        return Register<T>();
    }

    /// <summary>
    /// Creates or checks the type's table (once per logger) and gives the calling thread its buffer for the type.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private EventBuffer<T> Register<T>() where T : struct, IEventTable<T>
    {
        _loop.EnsureTable(T.Schema);
        if (_producers.Register<T>() is { } buffer)
            return buffer;
        ThrowIfStopped(); // disposal began: no buffer appears after the writer's last pass took them all
        EventDbThrow.Disposed();
        return null;
    }

    /// <summary>How many per-thread, per-type buffers the logger holds (for tests).</summary>
    internal int BufferCount => _producers.BufferCount;
}
