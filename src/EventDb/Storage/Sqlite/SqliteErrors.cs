using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using SQLitePCL;

namespace EventDb;

/// <summary>SQLite result codes as exceptions and messages: SQLite's own text, its code's name, the number.</summary>
[StackTraceHidden]
internal static class SqliteErrors
{
    [DoesNotReturn]
    public static void Throw(int rc, sqlite3 db, string what) =>
        throw new EventDbException(rc, $"{what}: {Describe(rc, db)}");

    public static string Describe(int rc, sqlite3 db)
    {
        var message = raw.sqlite3_errmsg(db).utf8_to_string();
        var name = raw.sqlite3_errstr(rc).utf8_to_string();
        var described = message == name ? $"{name} (SQLite code {rc})" : $"{message} ({name}, SQLite code {rc})";
        // "unable to open database file" is all SQLite says when the process has no descriptor left for the file.
        return IsOutOfDescriptors(rc, db) ? described + ": " + Descriptors.ShortageOrExhausted() : described;
    }

    private static bool IsOutOfDescriptors(int rc, sqlite3 db) =>
        (rc & 0xFF) is raw.SQLITE_CANTOPEN or raw.SQLITE_IOERR && Descriptors.IsExhaustion(NativeMethods.sqlite3_system_errno(db.DangerousGetHandle()));
}
