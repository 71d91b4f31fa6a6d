namespace EventDb;

/// <summary>
/// The logger closed with events it could not write: the file kept failing (disk full, I/O error), or
/// <see cref="EventLogger.DisposeAsync(CancellationToken)"/> was cancelled. <see cref="UnwrittenEvents"/> says exactly
/// how many were lost; every other event is committed.
/// </summary>
public sealed class EventDbShutdownException : EventDbException
{
    /// <summary>Creates the exception.</summary>
    public EventDbShutdownException(long unwrittenEvents, string message, Exception? innerException)
        : base(message, innerException ?? new EventDbException(message)) => UnwrittenEvents = unwrittenEvents;

    /// <summary>Creates the exception.</summary>
    public EventDbShutdownException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EventDbShutdownException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EventDbShutdownException()
    {
    }

    /// <summary>How many added events were not written to the file.</summary>
    public long UnwrittenEvents { get; }
}
