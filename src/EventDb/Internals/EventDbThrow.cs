using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using SQLitePCL;

namespace EventDb;

/// <summary>Throw helpers, kept out of line so the hot paths stay small.</summary>
[StackTraceHidden]
internal static class EventDbThrow
{
    [DoesNotReturn]
    public static void Sqlite(int rc, sqlite3 db, string what) =>
        throw new EventDbException(rc, $"{what}: {Describe(rc, db)}");

    [DoesNotReturn]
    public static void Bind(int rc, int index) =>
        throw new BindException(rc, index, $"Binding parameter {index} failed: {raw.sqlite3_errstr(rc).utf8_to_string()} (SQLite code {rc}).");

    [DoesNotReturn]
    public static void UnpairedSurrogate(int index) =>
        throw new BindException(raw.SQLITE_MISMATCH, index, "The text holds an unpaired surrogate, which UTF-8 cannot encode; storing it would change it.");

    [DoesNotReturn]
    public static void TooBig(int index, long length, long limit) =>
        throw new BindException(raw.SQLITE_TOOBIG, index, $"The text is {length:N0} bytes in UTF-8, over SQLite's limit of {limit:N0} bytes per value.");

    [DoesNotReturn]
    public static void Disposed() => throw new ObjectDisposedException(nameof(EventLogger));

    public static string Describe(int rc, sqlite3 db)
    {
        var message = raw.sqlite3_errmsg(db).utf8_to_string();
        var name = raw.sqlite3_errstr(rc).utf8_to_string();
        return message == name ? $"{name} (SQLite code {rc})" : $"{message} ({name}, SQLite code {rc})";
    }
}

/// <summary>A value SQLite refused to bind (too big, for instance); the writer names the table and column.</summary>
internal sealed class BindException(int rc, int parameterIndex, string message) : EventDbException(rc, message)
{
    public int ParameterIndex { get; } = parameterIndex;
}

/// <summary>One event holds a value SQLite cannot store; the writer skips it and reports it, and writes the rest.</summary>
internal sealed class EventRejectedException(long eventId, string message, Exception inner) : EventDbException(message, inner)
{
    public long EventId { get; } = eventId;
}

/// <summary>
/// The writer failed after a COMMIT, before its buffers were released: retrying would write the batch twice, so it stops
/// for good, counting the committed batch.
/// </summary>
internal sealed class WriterStateException(int written, int rejected, Exception inner)
    : Exception("The writer failed after a commit.", inner)
{
    public int Written { get; } = written;

    public int Rejected { get; } = rejected;
}
