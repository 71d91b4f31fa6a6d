namespace EventDb;

/// <summary>One event holds a value the storage cannot hold; the writer skipped it and wrote the rest.</summary>
internal sealed class EventRejectedException(long eventId, string message) : EventDbException(message)
{
    /// <summary>The id the event had; it stays unused in the file, a visible gap.</summary>
    public long EventId { get; } = eventId;
}
