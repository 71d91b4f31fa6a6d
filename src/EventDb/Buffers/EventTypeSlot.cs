namespace EventDb;

/// <summary>A process-wide small integer per event type: the index of its buffer in every logger's buffer table.</summary>
internal static class EventTypeSlot
{
    private static int s_count;

    public static int Next() => Interlocked.Increment(ref s_count) - 1;
}

internal static class EventTypeSlot<T> where T : struct, IEventTable<T>
{
    public static readonly int Index = EventTypeSlot.Next();
}

/// <summary>
/// A function of an event type, for code that holds a buffer but not its type (<see cref="EventBuffer.ForEventType{TResult}"/>):
/// defined here, so a buffer hands its type to the layer below without knowing it.
/// </summary>
internal interface IEventTypeFunction<out TResult>
{
    TResult Invoke<T>() where T : struct, IEventTable<T>;
}
