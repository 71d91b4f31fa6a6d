namespace EventDb;

/// <summary>
/// One event held a value the storage cannot hold (an unpaired surrogate, a NaN, a value over SQLite's length limit) or
/// a member's getter threw while the writer read it: the writer skipped that event alone and wrote the rest. Reported
/// through <see cref="EventLoggerOptions.OnError"/> and the <see cref="EventLoggerOptions.Logger"/>, and counted in
/// <see cref="EventLogger.RejectedEvents"/>; never thrown from <see cref="EventLogger.Add{T}(in T)"/>.
/// </summary>
public sealed class EventRejectedException : EventDbException
{
    /// <summary>Creates the report of a rejected event.</summary>
    /// <param name="eventId">The id the event was given.</param>
    /// <param name="table">The table whose row could not be written.</param>
    /// <param name="column">The column whose value could not be stored.</param>
    /// <param name="reason">Why, in the storage's words.</param>
    public EventRejectedException(long eventId, string table, string column, string reason)
        : base($"Event {eventId} was not written: column '{table}.{column}': {reason}")
    {
        EventId = eventId;
        Table = table;
        Column = column;
    }

    /// <summary>Creates the exception.</summary>
    public EventRejectedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EventRejectedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EventRejectedException()
    {
    }

    /// <summary>The id the event was given; it stays unused in the file, a visible gap.</summary>
    public long EventId { get; }

    /// <summary>
    /// The table whose row could not be written: the event's own table, or its base table when the value that failed
    /// is a member the base table stores.
    /// </summary>
    public string Table { get; } = "";

    /// <summary>The column (its name in the table) whose value could not be stored: <c>id</c> when the id itself failed.</summary>
    public string Column { get; } = "";
}
