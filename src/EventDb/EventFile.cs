using System.Runtime.CompilerServices;

namespace EventDb;

/// <summary>
/// An EventDb file opened for reading only: typed rows streamed in id order with constant memory, counts, and following
/// a writer as it commits. Nothing is created or changed: it reads a file being written (by a logger in this or another
/// process), a closed or sealed file, a file on read-only media, and a file written by Penguin's own Python logger.
/// </summary>
/// <remarks>
/// Extra tables and columns in the file are ignored; a table or column the requested type needs and the file lacks is an
/// <see cref="EventDbSchemaException"/> naming it. An instance is used by one thread at a time; open one per thread.
/// </remarks>
public sealed partial class EventFile : IDisposable
{
    /// <summary>The file name EventDb and Penguin use inside a results directory.</summary>
    public const string DefaultFileName = "plugins.db";

    // Rows read per statement while following: bounded memory, and no read transaction held while the caller works.
    private const int FollowChunk = 4_096;

    private readonly SqliteReader _reader;
    private bool _disposed;

    private EventFile(SqliteReader reader) => _reader = reader;

    /// <summary>The full path of the file.</summary>
    public string FilePath => _reader.Path;

    /// <summary>How often <see cref="Follow{T}"/> looks for new commits. Default: 100 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Opens a file for reading; a directory means its <c>plugins.db</c>.</summary>
    /// <exception cref="EventDbException">The file does not exist, is not an SQLite database, or cannot be read.</exception>
    public static EventFile OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            full = Path.Combine(full, DefaultFileName);
        return new EventFile(SqliteReader.Open(full, TimeSpan.FromSeconds(5)));
    }

    /// <summary>The rows of <typeparamref name="T"/> that <paramref name="query"/> selects (default: all), in id order, one at a time.</summary>
    /// <exception cref="EventDbSchemaException">The file lacks a table or column <typeparamref name="T"/> needs.</exception>
    public IEnumerable<T> Read<T>(EventQuery? query = null) where T : struct, IEventTable<T> =>
        ReadWithIds<T>(query).Select(row => row.Event);

    /// <summary>Like <see cref="Read{T}"/>, with each row's id.</summary>
    /// <exception cref="EventDbSchemaException">The file lacks a table or column <typeparamref name="T"/> needs.</exception>
    public IEnumerable<(long Id, T Event)> ReadWithIds<T>(EventQuery? query = null) where T : struct, IEventTable<T>
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _reader.CheckReadable(T.Schema);
        return _reader.Read<T>(query ?? EventQuery.All);
    }

    /// <summary>How many rows of <typeparamref name="T"/> <paramref name="query"/> selects, counted without reading them.</summary>
    /// <exception cref="EventDbSchemaException">The file lacks a table or column <typeparamref name="T"/> needs.</exception>
    public long Count<T>(EventQuery? query = null) where T : struct, IEventTable<T>
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _reader.CheckReadable(T.Schema);
        return _reader.Count(T.Schema, query ?? EventQuery.All);
    }

    /// <summary>
    /// The rows of <typeparamref name="T"/> after <paramref name="afterId"/> that are in the file now, then each new one
    /// as a writer commits it: in id order, none twice, none skipped, waiting (not spinning) between commits. Ends when
    /// <paramref name="cancellationToken"/> is cancelled, with <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <remarks>
    /// A table that does not exist yet is waited for. Relies on what an EventDb writer guarantees: every commit holds
    /// ids above those committed before it.
    /// </remarks>
    public IAsyncEnumerable<T> Follow<T>(long afterId = 0, Condition? where = null, CancellationToken cancellationToken = default)
        where T : struct, IEventTable<T> =>
        FollowWithIds<T>(afterId, where, cancellationToken).Select(row => row.Event);

    /// <summary>Like <see cref="Follow{T}"/>, with each row's id.</summary>
    public async IAsyncEnumerable<(long Id, T Event)> FollowWithIds<T>(
        long afterId = 0, Condition? where = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : struct, IEventTable<T>
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var schema = T.Schema;
        long last = afterId, seen = long.MinValue;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long version = _reader.DataVersion();
            if (version != seen && _reader.TableExists(schema))
            {
                seen = version;
                _reader.CheckReadable(schema);
                // Up to the largest id now: rows a later commit adds come next time, so none is read twice or skipped.
                long through = _reader.MaxId(schema);
                while (last < through)
                {
                    var chunk = _reader.Read<T>(new EventQuery { AfterId = last, ThroughId = through, Where = where, Limit = FollowChunk }).ToList();
                    foreach (var row in chunk)
                        yield return row;
                    last = chunk.Count == FollowChunk ? chunk[^1].Id : through;
                }
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every table in the file (whatever wrote it), with its row count, id range and columns.</summary>
    public IReadOnlyList<TableFacts> Tables()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.Tables();
    }

    /// <summary>The statements that created the file's tables, indexes, views and triggers, as the file stores them.</summary>
    public IReadOnlyList<string> SchemaSql()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _reader.SchemaSql();
    }

    /// <summary>The file's journal mode: <c>wal</c> while written (or left so), <c>delete</c> once sealed.</summary>
    public string JournalMode => _reader.Pragma("journal_mode") ?? "";

    /// <summary>The file's page size in bytes.</summary>
    public long PageSize => long.Parse(_reader.Pragma("page_size") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The process whose <see cref="EventLogger"/> is writing the file now, or null (known on Linux only).</summary>
    public int? WriterProcessId => _reader.WriterProcessId();

    /// <summary>
    /// Runs an SQL query (the connection is read-only: statements that would write fail), <c>?</c> placeholders bound
    /// to <paramref name="parameters"/>. Rows are read as they are enumerated; enumerate them once.
    /// </summary>
    /// <exception cref="EventDbException">The SQL is not valid, or it would write.</exception>
    public SqlRows Query(string sql, params object?[] parameters)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return _reader.Query(sql, parameters);
    }

    /// <summary>
    /// Whether <paramref name="path"/> names this file or its <c>-wal</c>, <c>-shm</c> or <c>-journal</c> file, by any
    /// path (symbolic links, <c>..</c>, hard links): writing there would destroy what is read. Compared by device and
    /// inode on Linux (a file that does not exist yet by its directory's and its name), by full path elsewhere.
    /// </summary>
    public bool IsFileOrItsJournal(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return SqliteCompanionFiles.IsFileOrCompanion(FilePath, path);
    }

    /// <summary>Closes the connection. Enumerations still open end with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _reader.Dispose();
    }
}
