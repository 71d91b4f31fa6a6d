namespace EventDb;

/// <summary>
/// An EventDb file — or any SQLite file — opened for reading only, the one way in for every reader: typed rows and any
/// table's rows in id order with constant memory, counts, the tables and their facts, following a writer as it
/// commits, and read-only SQL. Nothing is created or changed: it reads a file being written (by a logger in this or
/// another process), a closed or sealed file, a file on read-only media, and a file written by Penguin's own Python
/// logger.
/// </summary>
/// <remarks>
/// Rows are read in chunks of 4,096, each read whole before its first row is handed out, so no read of the file lasts
/// longer than one chunk however slowly the rows are used: a writer is not held up while they are. Extra tables and
/// columns in the file are ignored; a table or column the requested type needs and the file lacks is an
/// <see cref="EventDbSchemaException"/> naming it. An instance is used by one thread at a time; open one per thread.
/// </remarks>
public sealed partial class EventFile : IDisposable
{
    /// <summary>The file name EventDb and Penguin use inside a results directory.</summary>
    public const string DefaultFileName = "plugins.db";

    private static readonly TimeSpan s_busyTimeout = TimeSpan.FromSeconds(5);

    private readonly IEventReader _reader;
    private bool _disposed;

    private EventFile(IEventReader reader) => _reader = reader;

    /// <summary>The full path of the file.</summary>
    public string FilePath => _reader.Path;

    /// <summary>How often <see cref="Follow{T}"/> and <see cref="FollowTable"/> look for new commits. Default: 100 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Opens a file for reading; a directory means its <c>plugins.db</c>.</summary>
    /// <exception cref="EventDbException">
    /// The file does not exist, is not an SQLite database, or cannot be read; or the path (or the <c>-wal</c>,
    /// <c>-shm</c> or <c>-journal</c> beside it) names a named pipe, a device, a socket or a directory, which is refused
    /// before it is opened (Linux): opening a named pipe would wait for a writer forever.
    /// </exception>
    public static EventFile OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            full = Path.Combine(full, DefaultFileName);
        return Open(full, s_busyTimeout);
    }

    /// <summary>Opens the file at <paramref name="fullPath"/>, waiting up to <paramref name="busyTimeout"/> for locks.</summary>
    internal static EventFile Open(string fullPath, TimeSpan busyTimeout) => new(EventStorage.OpenReader(fullPath, busyTimeout));

    /// <summary>
    /// The rows of <typeparamref name="T"/> that <paramref name="selection"/> selects (default: all), in id order, one at
    /// a time: those present when the enumeration starts.
    /// </summary>
    /// <exception cref="EventDbSchemaException">The file lacks a table or column <typeparamref name="T"/> needs.</exception>
    /// <exception cref="ArgumentException">The selection has both <see cref="RowSelection.Limit"/> and <see cref="RowSelection.Last"/>.</exception>
    public IEnumerable<T> Read<T>(RowSelection? selection = null) where T : struct, IEventTable<T> =>
        ReadWithIds<T>(selection).Select(row => row.Event);

    /// <summary>Like <see cref="Read{T}"/>, with each row's id.</summary>
    /// <exception cref="EventDbSchemaException">The file lacks a table or column <typeparamref name="T"/> needs.</exception>
    /// <exception cref="ArgumentException">The selection has both <see cref="RowSelection.Limit"/> and <see cref="RowSelection.Last"/>.</exception>
    public IEnumerable<(long Id, T Event)> ReadWithIds<T>(RowSelection? selection = null) where T : struct, IEventTable<T>
    {
        ThrowIfDisposed();
        var rows = (selection ?? RowSelection.All).Checked();
        _reader.CheckReadable(T.Schema);
        return ChunkedRead.Rows(() => _reader.Rows<T>(rows.Where), rows, ThrowIfDisposed);
    }

    /// <summary>How many rows of <typeparamref name="T"/> <paramref name="selection"/> selects, counted without reading them.</summary>
    /// <exception cref="EventDbSchemaException">The file lacks a table or column <typeparamref name="T"/> needs.</exception>
    /// <exception cref="ArgumentException">The selection has both <see cref="RowSelection.Limit"/> and <see cref="RowSelection.Last"/>.</exception>
    public long Count<T>(RowSelection? selection = null) where T : struct, IEventTable<T>
    {
        ThrowIfDisposed();
        var rows = (selection ?? RowSelection.All).Checked();
        _reader.CheckReadable(T.Schema);
        return _reader.Count(T.Schema, rows);
    }

    /// <summary>
    /// The rows of <typeparamref name="T"/> after <paramref name="afterId"/> that are in the file now, then each new one
    /// as a writer commits it: in id order, none twice, none skipped, waiting (not spinning) between commits. Ends when
    /// <paramref name="cancellationToken"/> is cancelled, with <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <remarks>
    /// A table that does not exist yet is waited for. Relies on what an EventDb writer guarantees: every commit holds
    /// ids above those committed before it. When the path stops leading to the file being followed (it was renamed or
    /// deleted, or another file put in its place, as a rotation does; Linux), the rows that file got are yielded and the
    /// follow ends with an <see cref="EventDbException"/> saying so: a new file's ids start over, so it is followed by
    /// opening it again.
    /// </remarks>
    /// <exception cref="EventDbException">The path leads to another file now, or to none.</exception>
    public IAsyncEnumerable<T> Follow<T>(long afterId = 0, Condition? where = null, CancellationToken cancellationToken = default)
        where T : struct, IEventTable<T> =>
        FollowWithIds<T>(afterId, where, cancellationToken).Select(row => row.Event);

    /// <summary>Like <see cref="Follow{T}"/>, with each row's id.</summary>
    public IAsyncEnumerable<(long Id, T Event)> FollowWithIds<T>(long afterId = 0, Condition? where = null, CancellationToken cancellationToken = default)
        where T : struct, IEventTable<T>
    {
        ThrowIfDisposed();
        return ChunkedRead.Follow(_reader, T.Schema.Name, () =>
        {
            _reader.CheckReadable(T.Schema);
            return _reader.Rows<T>(where);
        }, afterId, () => PollInterval, ThrowIfDisposed, cancellationToken);
    }

    /// <summary>
    /// The rows of any table, by name, that <paramref name="selection"/> selects (default: all): its own columns, in id
    /// order — by its rowid when it has no <c>id</c> column — those present when the enumeration starts.
    /// </summary>
    /// <exception cref="EventDbSchemaException">The file has no table of that name.</exception>
    /// <exception cref="ArgumentException">The selection has both <see cref="RowSelection.Limit"/> and <see cref="RowSelection.Last"/>.</exception>
    /// <exception cref="EventDbException">An id read is not an integer.</exception>
    public TableRows ReadTable(string table, RowSelection? selection = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ThrowIfDisposed();
        var rows = (selection ?? RowSelection.All).Checked();
        IReadOnlyList<string> columns;
        using (var chunks = _reader.TableRows(table, rows.Where))
            columns = chunks.Columns;
        return new TableRows(columns, ChunkedRead.Rows(() => _reader.TableRows(table, rows.Where), rows, ThrowIfDisposed).Select(row => row.Row));
    }

    /// <summary>
    /// Like <see cref="Follow{T}"/> for any table, by name: the values of its own columns (as <see cref="ReadTable"/>
    /// gives them) of each row after <paramref name="afterId"/> (its rowid when it has no <c>id</c> column), then of each
    /// new one as a writer commits it.
    /// </summary>
    public IAsyncEnumerable<object?[]> FollowTable(string table, long afterId = 0, Condition? where = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ThrowIfDisposed();
        return ChunkedRead.Follow(_reader, table, () => _reader.TableRows(table, where), afterId, () => PollInterval, ThrowIfDisposed, cancellationToken)
            .Select(row => row.Row);
    }

    /// <summary>The file's own tables, by name, in order (not SQLite's internal ones, not views).</summary>
    public IReadOnlyList<string> TableNames()
    {
        ThrowIfDisposed();
        return _reader.TableNames();
    }

    /// <summary>Whether the file has a table of exactly this name (for an event type: <c>HasTable(T.Schema.Name)</c>).</summary>
    public bool HasTable(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        ThrowIfDisposed();
        return _reader.HasTable(table);
    }

    /// <summary>
    /// The largest id of a table (its rowid when it has no <c>id</c> column), or null when it is empty: where a read or a
    /// follow that should see only what comes next starts.
    /// </summary>
    /// <exception cref="EventDbSchemaException">The file has no table of that name.</exception>
    /// <exception cref="EventDbException">The largest id is not an integer.</exception>
    public long? LastId(string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ThrowIfDisposed();
        using var chunks = _reader.TableRows(table, where: null);
        return chunks.LastId();
    }

    /// <summary>Every table in the file (whatever wrote it), with its row count, id range and columns.</summary>
    public IReadOnlyList<TableFacts> Tables()
    {
        ThrowIfDisposed();
        return _reader.Tables();
    }

    /// <summary>The statements that created the file's tables, indexes, views and triggers, as the file stores them.</summary>
    public IReadOnlyList<string> SchemaSql()
    {
        ThrowIfDisposed();
        return _reader.SchemaSql();
    }

    /// <summary>The file's journal mode: <c>wal</c> while written (or left so), <c>delete</c> once sealed.</summary>
    public string JournalMode => _reader.JournalMode;

    /// <summary>The file's page size in bytes.</summary>
    public long PageSize => _reader.PageSize;

    /// <summary>The process whose <see cref="EventLogger"/> is writing the file now, or null (known on Linux only).</summary>
    public int? WriterProcessId => _reader.WriterProcessId();

    /// <summary>
    /// Runs one SQL statement (the connection is read-only: statements that would write fail), <c>?</c> placeholders
    /// bound to <paramref name="parameters"/> (<see cref="long"/>, <see cref="int"/>, <see cref="double"/>,
    /// <see cref="string"/>, <see cref="byte"/>[] or null). Rows are read as they are enumerated; read them once, and
    /// dispose them when you may stop early (until then the statement holds its read of the file).
    /// </summary>
    /// <exception cref="EventDbException">The SQL is not valid, holds more than one statement, or would write.</exception>
    public SqlRows Query(string sql, params object?[] parameters)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return _reader.Query(sql, parameters);
    }

    /// <summary>
    /// Like <see cref="Query"/>, for reading many rows fast: a cursor that reads each column of each row as its storage
    /// class (integers, reals, text and bytes as spans) without boxing or allocating. Dispose it when done.
    /// </summary>
    /// <exception cref="EventDbException">The SQL is not valid, or it would write.</exception>
    public SqlCursor OpenCursor(string sql, params object?[] parameters)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return _reader.OpenCursor(sql, parameters);
    }

    /// <summary>
    /// Whether <paramref name="path"/> names this file or its <c>-wal</c>, <c>-shm</c> or <c>-journal</c> file, by any
    /// path (symbolic links, <c>..</c>, hard links): writing there would destroy what is read. Compared by device and
    /// inode on Linux (a file that does not exist yet by its directory's and its name), by full path elsewhere.
    /// </summary>
    public bool IsFileOrItsJournal(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return _reader.IsFileOrCompanion(path);
    }

    /// <summary>Closes the connection. Enumerations still open end with <see cref="ObjectDisposedException"/> at their next read.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _reader.Dispose();
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
            throw new ObjectDisposedException(nameof(EventFile), $"'{FilePath}' was closed.");
    }
}
