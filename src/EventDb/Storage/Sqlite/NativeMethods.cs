using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// The few sqlite3 calls made per value, written or read, imported directly from the e_sqlite3 library that
/// SQLitePCLRaw's bundle loads. SQLitePCLRaw's own wrappers go through a provider interface and SafeHandle
/// reference counting on every call, which costs more than the bind itself; these take the raw statement pointer
/// (kept alive by its SafeHandle in <see cref="SqliteTable"/>) and skip the GC transition, as sqlite3_bind_* and
/// sqlite3_column_* only copy a value into or out of the statement.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = "e_sqlite3";

    /// <summary><c>SQLITE_STATIC</c>: the bound bytes stay valid and unchanged until the statement is stepped and reset.</summary>
    public static readonly nint Static = 0;

    /// <summary><c>SQLITE_TRANSIENT</c>: SQLite copies the bytes before the call returns.</summary>
    public static readonly nint Transient = -1;

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_bind_int64(nint statement, int index, long value);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_bind_double(nint statement, int index, double value);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_bind_null(nint statement, int index);

    // With SQLITE_TRANSIENT this allocates and copies, which is still short and never blocks.
    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_bind_text(nint statement, int index, byte* text, int length, nint destructor);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_bind_text16(nint statement, int index, char* text, int lengthInBytes, nint destructor);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_bind_blob(nint statement, int index, byte* blob, int length, nint destructor);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_bind_zeroblob(nint statement, int index, int length);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_column_type(nint statement, int column);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial long sqlite3_column_int64(nint statement, int column);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial double sqlite3_column_double(nint statement, int column);

    // Text and blob accessors may convert or allocate inside SQLite, which is still short and never blocks.
    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* sqlite3_column_text(nint statement, int column);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* sqlite3_column_blob(nint statement, int column);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_column_bytes(nint statement, int column);

    // A column's value object, and the value accessors: one call finds the column, the others read what it holds
    // (each sqlite3_column_* call finds the column again). SqlCursor reads every value this way.
    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint sqlite3_column_value(nint statement, int column);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_value_type(nint value);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial long sqlite3_value_int64(nint value);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial double sqlite3_value_double(nint value);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* sqlite3_value_text(nint value);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* sqlite3_value_blob(nint value);

    [LibraryImport(Library), SuppressGCTransition, UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_value_bytes(nint value);

    // step does the I/O: it keeps the GC transition so a long write never holds up a collection.
    [LibraryImport(Library), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_step(nint statement);

    [LibraryImport(Library), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_reset(nint statement);

    // Finds SQLite's descriptor of the main file (see SqliteMainFile) and asks whether the file has moved.
    [LibraryImport(Library), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_file_control(nint db, byte* databaseName, int operation, void* argument);

    // The errno of the connection's last failed system call: whether "unable to open" meant no descriptor was left.
    [LibraryImport(Library), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_system_errno(nint db);

    // The writer's checkpoints (WalCheckpointer): the checkpoint does I/O, the hook is set once per connection.
    [LibraryImport(Library), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int sqlite3_wal_checkpoint_v2(nint db, byte* databaseName, int mode, int* walPages, int* checkpointedPages);

    [LibraryImport(Library), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint sqlite3_wal_hook(nint db, delegate* unmanaged[Cdecl]<nint, nint, byte*, int, int> hook, nint argument);
}
