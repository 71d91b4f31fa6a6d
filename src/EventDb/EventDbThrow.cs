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
    public static void Disposed() => throw new ObjectDisposedException(nameof(EventLogger));

    public static string Describe(int rc, sqlite3 db)
    {
        var message = raw.sqlite3_errmsg(db).utf8_to_string();
        var name = raw.sqlite3_errstr(rc).utf8_to_string();
        return message == name ? $"{name} (SQLite code {rc})" : $"{message} ({name}, SQLite code {rc})";
    }
}
