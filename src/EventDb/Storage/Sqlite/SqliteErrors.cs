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
        return message == name ? $"{name} (SQLite code {rc})" : $"{message} ({name}, SQLite code {rc})";
    }
}
