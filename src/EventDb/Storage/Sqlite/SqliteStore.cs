using SQLitePCL;

namespace EventDb;

/// <summary>
/// The SQLite storage: the one class the writer hands batches to, and the only one that speaks SQL to the writer's
/// connection — transactions, the tables' INSERTs, schema changes, the moved-file check. Checkpoints run beside it
/// (<see cref="WalCheckpointer"/>). Opening
/// (the writer lock, PRAGMAs, waiting out locks) is <see cref="WriterConnection"/>; SQL text is <see cref="SqliteSql"/>.
/// </summary>
internal sealed class SqliteStore : IEventStore
{
    private const int SealWaitMilliseconds = 200;

    // SQLITE_READONLY_DBMOVED: SQLite's own code for a database file that moved under its connection.
    private const int ReadOnlyDbMoved = 1032;

    private readonly WriterConnection _connection;
    private readonly WalCheckpointer _checkpointer;
    private readonly InsertRunner _runner;
    private readonly WriteLockCourtesy _courtesy = new();
    private readonly long _lengthLimit;
    private readonly int _busyTimeoutMilliseconds;
    private string _begin = "BEGIN IMMEDIATE";
    private readonly Dictionary<EventTableSchema, SqliteTable> _tables = [];
    private readonly Dictionary<EventTableSchema, sqlite3_stmt> _deletes = [];
    private readonly Dictionary<EventTableSchema, List<ISqliteSink>> _sinks = [];
    private SqliteTable? _current;

    private SqliteStore(WriterConnection connection, StoreOptions options)
    {
        _connection = connection;
        FilePath = connection.Database.ResolvedPath();
        _lengthLimit = connection.Database.LengthLimit;
        _busyTimeoutMilliseconds = (int)options.BusyTimeout.TotalMilliseconds;
        try
        {
            var pageCache = PageCacheReleaser.Open(connection.MainFile, enabled: !options.KeepWrittenPagesCached);
            _checkpointer = WalCheckpointer.Open(connection.Database, pageCache, options.WalRestartBytes);
            try
            {
                _runner = new InsertRunner();
            }
            catch
            {
                _checkpointer.Dispose();
                throw;
            }
        }
        catch
        {
            connection.Dispose(); // a store half built is no store: nothing it took stays open
            throw;
        }
    }

    /// <inheritdoc cref="WriterConnection.Open"/>
    public static SqliteStore Open(string path, StoreOptions options) =>
        new(WriterConnection.Open(path, options), options);

    private SqliteDatabase Db => _connection.Database;

    public long MaxId => _connection.MaxId;

    public int OpenRetries => _connection.BusyRetries;

    public string FilePath { get; }

    /// <summary>SQLITE_BUSY or SQLITE_LOCKED, whatever the extended code.</summary>
    public bool IsBusy(EventDbException error) => SqliteDatabase.IsBusy(error);

    public void EnsureTables(IReadOnlyCollection<EventTableSchema> tables) => SchemaManager.EnsureTables(Db, tables);

    public void BeginBatch()
    {
        _checkpointer.BeforeBegin();
        _courtesy.BeforeBegin();
        Db.Execute(_begin);
        // Another connection may have written since the last batch.
        foreach (var table in _tables.Values)
            table.ForgetLastRowId();
    }

    public void BeginTable(EventTableSchema table)
    {
        if (!_tables.TryGetValue(table, out var sqliteTable))
        {
            AllocationFaults.Allocating(AllocationSite.Table);
            _tables.Add(table, sqliteTable = new SqliteTable(Db, table, _runner, _lengthLimit));
        }
        _current = sqliteTable;
        HandTable(table, sqliteTable);
    }

    public void EndTable()
    {
        var table = _current!;
        HandTable(table.Schema, null);
        table.Flush();
        if (table.Schema.Base is { } baseTable && table.OrphanedBaseRows.Count > 0)
        {
            _runner.Drain(); // the base rows are in before they are deleted, and the connection is the writer's again
            DeleteBaseRows(baseTable, table.OrphanedBaseRows);
            _tables[baseTable].ForgetLastRowId();
        }
        _current = null;
    }

    /// <summary>Gives the sinks of <paramref name="table"/> the table their rows go into, or (null) takes it back.</summary>
    private void HandTable(EventTableSchema table, SqliteTable? current)
    {
        if (_sinks.TryGetValue(table, out var sinks))
        {
            foreach (var sink in sinks)
                sink.Begin(current);
        }
    }

    private void DeleteBaseRows(EventTableSchema baseTable, List<long> ids)
    {
        if (!_deletes.TryGetValue(baseTable, out var delete))
            _deletes.Add(baseTable, delete = Db.Prepare($"DELETE FROM {SqliteSql.Quote(baseTable.Name)} WHERE id = ?", persistent: true));
        foreach (long id in ids)
        {
            raw.sqlite3_bind_int64(delete, 1, id);
            int rc = raw.sqlite3_step(delete);
            raw.sqlite3_reset(delete);
            if (rc != raw.SQLITE_DONE)
                SqliteErrors.Throw(rc, Db.Handle, $"Deleting the base row of rejected event {id} from '{baseTable.Name}' failed");
        }
        ids.Clear();
    }

    public void CommitBatch()
    {
        _runner.Drain();
        // In WAL mode SQLite goes on writing into a file that was deleted or renamed away: check before committing.
        if (Db.MainFileHasMoved())
            throw new EventDbException(ReadOnlyDbMoved, $"'{Db.Path}' was moved or deleted while the logger had it open; the batch was rolled back and is held until the file is back.");
        Db.Execute("COMMIT");
        _courtesy.Released();
        _checkpointer.Committed();
    }

    public void RollbackBatch()
    {
        _runner.Discard();
        foreach (var table in _tables.Values)
        {
            table.Stage.Clear();
            table.OrphanedBaseRows.Clear();
            table.ForgetLastRowId();
        }
        if (_current is { } current)
            HandTable(current.Schema, null);
        _current = null;
        if (Db.InTransaction)
            Db.TryExecute("ROLLBACK");
        _courtesy.Released();
    }

    /// <summary>
    /// Switches the file back to <c>DELETE</c> journal mode before the last batch, so that batch is written once, into
    /// the file itself: in WAL mode it would be written to the WAL, the WAL synced, then copied into the file and the
    /// file synced, only for the seal to delete the WAL (measured: 60 of the 250 ms of a 100,000-event close). Pages
    /// appended past the file's end need no rollback journal; only the few it changes (the B-trees' right edges) are
    /// journaled. The batch commits with <c>synchronous=FULL</c>, the level at which a rollback journal is safe against
    /// a power cut at either <see cref="Durability"/>; the switch itself checkpoints and syncs every earlier commit.
    /// </summary>
    /// <remarks>
    /// While another connection has the file open it stays in WAL (that connection's WAL would be lost otherwise), and the
    /// last batch is written as every other one; <see cref="Seal"/> tries again. The checkpoint thread stops here either
    /// way (its connection would keep the file in WAL): the seal's own checkpoint covers what it has not copied.
    /// </remarks>
    public void BeginSeal()
    {
        _checkpointer.Dispose();
        // A file moved away is not switched: closing its WAL and writing a journal go by the old path's names, and the
        // last batch fails its moved-file check and is reported anyway.
        if (Db.MainFileHasMoved())
            return;
        bool switched = TrySwitchToDeleteMode();
        raw.sqlite3_busy_timeout(Db.Handle, _busyTimeoutMilliseconds); // the last batch waits out locks as any other
        if (!switched)
            return;
        _ = Db.TryExecute("PRAGMA synchronous=FULL");
        // The last batch takes the file alone from its BEGIN: a reader opening it meanwhile would otherwise hold a
        // read lock that the COMMIT (in DELETE mode) must wait out, for as long as it went on reading. Readers wait
        // for that batch instead, as they wait for the seal.
        _begin = "BEGIN EXCLUSIVE";
    }

    /// <summary>
    /// Checkpoints the WAL and sets the journal mode back to <c>DELETE</c>, waiting at most a moment for the file to be
    /// this connection's alone; false (still in WAL) while another connection has it open. The busy timeout stays short.
    /// </summary>
    private bool TrySwitchToDeleteMode()
    {
        raw.sqlite3_busy_timeout(Db.Handle, SealWaitMilliseconds);
        return Db.TryExecute("PRAGMA journal_mode=DELETE") == raw.SQLITE_OK;
    }

    /// <summary>
    /// Checkpoints the WAL into the file and switches it back to <c>DELETE</c> journal mode, so the file is whole on its
    /// own. Changing the mode needs the file to itself: while another connection has it open, it stays in WAL (waited
    /// for briefly, not for the full busy timeout, since a follower may stay attached for hours).
    /// </summary>
    /// <remarks>
    /// SQLite syncs the file but not its directory, where the switch deleted the <c>-wal</c> and the rollback journal of
    /// the header's change: after a power cut both names could come back and the journal roll the header back to WAL.
    /// Syncing the directory makes the sealed file final.
    /// </remarks>
    public void Seal()
    {
        // After BeginSeal left the file in DELETE mode, the switch below is a no-op and only the directory sync is left.
        _checkpointer.Dispose(); // its connection would keep the file in WAL
        if (!TrySwitchToDeleteMode())
            return;
        try
        {
            DirectorySync.Sync(Path.GetDirectoryName(Db.Path)!);
        }
        catch (IOException)
        {
            // The file is sealed and synced; only the seal's own names might not survive a power cut (never its data).
        }
    }

    public RowSink<T> SinkFor<T>(bool baseRows) where T : struct, IEventTable<T>
    {
        var sink = new SqliteRowSink<T>(baseRows);
        if (!_sinks.TryGetValue(sink.Table, out var sinks))
            _sinks.Add(sink.Table, sinks = []);
        sinks.Add(sink);
        if (_current is { } current && current.Schema == sink.Table)
            sink.Begin(current); // made by the writer for the table it is writing
        return sink;
    }

    public void Dispose()
    {
        _runner.Dispose();
        _checkpointer.Dispose();
        foreach (var table in _tables.Values)
            table.Dispose();
        _tables.Clear();
        foreach (var delete in _deletes.Values)
            delete.Dispose();
        _deletes.Clear();
        _connection.Dispose();
    }
}
