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
