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

    /// <summary>Creates an exception that wraps another, taking its SQLite result codes when it is an <see cref="EventDbException"/>.</summary>
    public EventDbException(string message, Exception innerException) : base(message, innerException)
    {
        SqliteExtendedErrorCode = (innerException as EventDbException)?.SqliteExtendedErrorCode ?? 0;
    }

    /// <summary>Creates an exception for an SQLite result code.</summary>
    /// <param name="sqliteErrorCode">
    /// The SQLite result code, primary or extended, for instance 13 for <c>SQLITE_FULL</c> or 1555 for
    /// <c>SQLITE_CONSTRAINT_PRIMARYKEY</c>: <see cref="SqliteErrorCode"/> is its primary part, <see cref="SqliteExtendedErrorCode"/> the whole.
    /// </param>
    /// <param name="message">What failed, including SQLite's own message.</param>
    public EventDbException(int sqliteErrorCode, string message) : base(message) => SqliteExtendedErrorCode = sqliteErrorCode;

    /// <summary>Creates an exception with no message.</summary>
    public EventDbException()
    {
    }

    /// <summary>
    /// The primary SQLite result code, for instance 13 for <c>SQLITE_FULL</c> or 19 for <c>SQLITE_CONSTRAINT</c>; 0 when
    /// the failure did not come from SQLite. Compare it with the <c>SQLITE_*</c> constants as it is: no masking.
    /// </summary>
    public int SqliteErrorCode => SqliteExtendedErrorCode & 0xFF;

    /// <summary>
    /// The extended SQLite result code, which says more than <see cref="SqliteErrorCode"/>, for instance 1555 for
    /// <c>SQLITE_CONSTRAINT_PRIMARYKEY</c> or 1032 for <c>SQLITE_READONLY_DBMOVED</c>; equal to
    /// <see cref="SqliteErrorCode"/> when SQLite gave no more detail, 0 when the failure did not come from SQLite.
    /// </summary>
    public int SqliteExtendedErrorCode { get; }
}
