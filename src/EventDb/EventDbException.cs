namespace EventDb;

/// <summary>
/// A failure of the SQLite file underneath the logger: it could not be opened, its schema differs from the declared
/// one, or a flush failed (disk full, I/O error, read-only file). Events are kept when a flush fails.
/// </summary>
public class EventDbException : Exception
{
    /// <summary>Creates an exception without an SQLite result code.</summary>
    public EventDbException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception that wraps another.</summary>
    public EventDbException(string message, Exception innerException) : base(message, innerException)
    {
        SqliteErrorCode = (innerException as EventDbException)?.SqliteErrorCode ?? 0;
    }

    /// <summary>Creates an exception for an SQLite result code.</summary>
    /// <param name="sqliteErrorCode">The (extended) SQLite result code, for instance 13 for <c>SQLITE_FULL</c>.</param>
    /// <param name="message">What failed, including SQLite's own message.</param>
    public EventDbException(int sqliteErrorCode, string message) : base(message) => SqliteErrorCode = sqliteErrorCode;

    /// <summary>Creates an exception with no message.</summary>
    public EventDbException()
    {
    }

    /// <summary>The SQLite result code, or 0 when the failure did not come from SQLite.</summary>
    public int SqliteErrorCode { get; }
}

/// <summary>The file's tables differ from the declared schema; nothing was written to them.</summary>
public sealed class EventDbSchemaException : EventDbException
{
    /// <summary>Creates the exception.</summary>
    public EventDbSchemaException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EventDbSchemaException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EventDbSchemaException()
    {
    }
}

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
