using SQLitePCL;

namespace EventDb;

/// <summary>
/// One raw SQLite connection with result-code checking. Not thread-safe: each instance is used by one thread at a
/// time (the writer's is opened <c>NOMUTEX</c> and owned by the writer thread).
/// </summary>
internal sealed unsafe class SqliteDatabase : IDisposable
{
    private const int SqliteFcntlHasMoved = 20;

    private static readonly object s_initLock = new();
    private static bool s_initialized;

    private SqliteDatabase(sqlite3 handle, string path)
    {
        Handle = handle;
        Path = path;
    }

    public sqlite3 Handle { get; }

    public string Path { get; }

    /// <summary>
    /// The file SQLite has open, as it resolved <see cref="Path"/> at open (symbolic links followed): the path that keeps
    /// naming this file when a link on the way is repointed. <see cref="Path"/> when SQLite gives none.
    /// </summary>
    public string ResolvedPath() => raw.sqlite3_db_filename(Handle, "main").utf8_to_string() is { Length: > 0 } resolved ? resolved : Path;

    /// <param name="path">The full path of the file.</param>
    /// <param name="readOnly">Opens for reading only.</param>
    /// <param name="create">Creates the file when missing (read-write only).</param>
    public static SqliteDatabase Open(string path, bool readOnly, bool create = false) =>
        Open(path, path, raw.SQLITE_OPEN_NOMUTEX | (readOnly ? raw.SQLITE_OPEN_READONLY : raw.SQLITE_OPEN_READWRITE)
            | (create && !readOnly ? raw.SQLITE_OPEN_CREATE : 0));

    /// <summary>
    /// Opens a file that cannot change while it is read (read-only media), without locks or a shared-memory file
    /// (<c>immutable=1</c>): only for a file with no WAL to read.
    /// </summary>
    public static SqliteDatabase OpenImmutable(string path) =>
        Open(new Uri(path).AbsoluteUri + "?immutable=1", path, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX | raw.SQLITE_OPEN_URI);

    private static SqliteDatabase Open(string filename, string path, int flags)
    {
        EnsureInitialized();
        int rc = raw.sqlite3_open_v2(filename, out var handle, flags, null);
        if (rc != raw.SQLITE_OK)
        {
            var message = handle is null ? raw.sqlite3_errstr(rc).utf8_to_string() : SqliteErrors.Describe(rc, handle);
            handle?.Dispose();
            throw new EventDbException(rc, $"Cannot open database file '{path}': {message}");
        }
        raw.sqlite3_extended_result_codes(handle, 1);
        return new SqliteDatabase(handle, path);
    }

    public void Execute(string sql)
    {
        int rc = raw.sqlite3_exec(Handle, sql);
        if (rc != raw.SQLITE_OK)
            SqliteErrors.Throw(rc, Handle, $"'{sql}' on '{Path}' failed");
    }

    /// <summary>Executes and returns the result code instead of throwing, for callers that classify failures.</summary>
    public int TryExecute(string sql) => raw.sqlite3_exec(Handle, sql);

    public sqlite3_stmt Prepare(string sql, bool persistent = false)
    {
        int rc = raw.sqlite3_prepare_v3(Handle, sql, persistent ? raw.SQLITE_PREPARE_PERSISTENT : 0u, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteErrors.Throw(rc, Handle, $"Preparing '{sql}' on '{Path}' failed");
        }
        return statement;
    }

    /// <summary>Binds a parameter: <see cref="long"/>, <see cref="int"/>, <see cref="double"/>, <see cref="string"/>, <see cref="byte"/>[] or null.</summary>
    /// <exception cref="ArgumentException">A value of another type.</exception>
    public void Bind(sqlite3_stmt statement, int index, object? value)
    {
        int rc = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            double d => raw.sqlite3_bind_double(statement, index, d),
            string s => raw.sqlite3_bind_text(statement, index, s),
            byte[] b => raw.sqlite3_bind_blob(statement, index, b),
            _ => throw new ArgumentException($"Query parameter {index} cannot be bound: use long, int, double, string, byte[] or null."),
        };
        if (rc != raw.SQLITE_OK)
            SqliteErrors.Throw(rc, Handle, $"Binding query parameter {index} failed");
    }

    /// <summary>Runs a query that returns one integer (or NULL, returned as <paramref name="whenNull"/>).</summary>
    public long QueryInt64(string sql, long whenNull = 0)
    {
        using var statement = Prepare(sql);
        int rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
            return raw.sqlite3_column_type(statement, 0) == raw.SQLITE_NULL ? whenNull : raw.sqlite3_column_int64(statement, 0);
        if (rc != raw.SQLITE_DONE)
            SqliteErrors.Throw(rc, Handle, $"'{sql}' on '{Path}' failed");
        return whenNull;
    }

    /// <summary>Runs a query and returns its rows, each column as text (NULL as null). For schema inspection, not data.</summary>
    public List<string?[]> QueryText(string sql)
    {
        using var statement = Prepare(sql);
        var rows = new List<string?[]>();
        int rc;
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
        {
            var row = new string?[raw.sqlite3_column_count(statement)];
            for (int i = 0; i < row.Length; i++)
                row[i] = raw.sqlite3_column_type(statement, i) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(statement, i).utf8_to_string();
            rows.Add(row);
        }
        if (rc != raw.SQLITE_DONE)
            SqliteErrors.Throw(rc, Handle, $"'{sql}' on '{Path}' failed");
        return rows;
    }

    /// <summary>Whether a failure means another connection holds a lock (SQLITE_BUSY or SQLITE_LOCKED, any extended code).</summary>
    public static bool IsBusy(EventDbException error) => error.SqliteErrorCode is raw.SQLITE_BUSY or raw.SQLITE_LOCKED;

    public bool InTransaction => raw.sqlite3_get_autocommit(Handle) == 0;

    /// <summary>The most bytes one string or BLOB may hold (SQLITE_LIMIT_LENGTH).</summary>
    public long LengthLimit => raw.sqlite3_limit(Handle, raw.SQLITE_LIMIT_LENGTH, -1);

    /// <summary>
    /// Whether the main file was renamed, moved or deleted since it was opened (its path now leads to another file or
    /// none). In WAL mode SQLite itself does not check this, and writes go on into the orphaned file.
    /// </summary>
    public bool MainFileHasMoved()
    {
        int moved = 0;
        fixed (byte* main = "main\0"u8)
        {
            if (NativeMethods.sqlite3_file_control(Handle.DangerousGetHandle(), main, SqliteFcntlHasMoved, &moved) != 0)
                return false; // a VFS that cannot tell
        }
        return moved != 0;
    }

    public void Dispose() => Handle.Dispose();

    private static void EnsureInitialized()
    {
        lock (s_initLock)
        {
            if (s_initialized)
                return;
            Batteries_V2.Init();
            s_initialized = true;
        }
    }
}
