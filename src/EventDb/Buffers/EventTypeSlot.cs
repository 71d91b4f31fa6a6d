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
