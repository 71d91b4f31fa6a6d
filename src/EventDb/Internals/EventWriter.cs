namespace EventDb;

/// <summary>
/// Writes batches on the writer thread: one <c>BEGIN IMMEDIATE ... COMMIT</c> per flush. Each table's rows are merged
/// in id order across the buffers that hold them and written in multi-row INSERTs, so every B-tree is only appended to.
/// A batch that fails to commit is rolled back and held, unchanged, for the next attempt.
/// </summary>
internal sealed class EventWriter(WriterConnection connection, PageCacheReleaser? pageCache) : IDisposable
{
    // SQLITE_READONLY_DBMOVED: SQLite's own code for a database file that moved under its connection.
    private const int SqliteReadOnlyDbMoved = 1032;

    // Text and blobs of one multi-row INSERT; larger values get memory of their own until their statement has run.
    private const int ArenaBytes = 256 * 1024;

    private readonly Dictionary<EventTableSchema, TableStatements> _statements = [];
    private readonly Utf8Arena _arena = new(ArenaBytes, connection.Database.LengthLimit);
    private EventBuffer[] _heldBuffers = [];
    private long _heldThroughId;
    private int _heldCount;
    private bool _holding;

    public SqliteDatabase Database { get; } = connection.Database;

    /// <summary>Runs after each COMMIT, before the batch is accounted for; a test uses it to fail the writer for good.</summary>
    internal Action? AfterCommit { get; set; }

    /// <summary>Events taken and not yet committed.</summary>
    public int HeldCount => _holding ? _heldCount : 0;

    /// <summary>The tables and event counts of the last committed flush.</summary>
    public List<(EventTableSchema Table, int Count)> Committed { get; } = [];

    /// <summary>Events of the held batch that were rejected since the last flush; the logger reports and clears them.</summary>
    public List<EventRejectedException> Rejections { get; } = [];

    /// <summary>
    /// Takes everything added so far (unless a failed batch is still held) and commits it. Returns how many events
    /// were committed, how many were rejected (see <see cref="Rejections"/>), and the id through which every event
    /// is now written or rejected.
    /// </summary>
    /// <param name="sequence">The logger's ids: the last one read is what this flush takes through.</param>
    /// <param name="buffers">Reads the logger's buffers; called after the last id is read, so it sees every buffer holding one.</param>
    public (int Written, int Rejected, long ThroughId) Flush(EventSequence sequence, Func<EventBuffer[]> buffers)
    {
        if (!_holding)
        {
            // Every id up to the last one read is in a buffer once the Adds in flight at that moment have published.
            long throughId = sequence.LastId;
            var taking = buffers();
            _heldCount = 0;
            foreach (var buffer in taking)
            {
                buffer.WaitForAddInFlight();
                _heldCount += buffer.TakeThrough(throughId);
            }
            _heldThroughId = throughId;
            _heldBuffers = taking;
            _holding = true;
        }

        Committed.Clear();
        if (_heldCount > 0)
        {
            // Each rejection marks one more event to skip, so this ends; one bad value never costs its neighbours.
            while (!TryCommit(_heldBuffers))
            {
            }
        }
        int rejected = 0;
        foreach (var buffer in _heldBuffers)
            rejected += buffer.RejectedCount;
        try
        {
            // Committed: a failure from here on cannot be retried (the batch is in the file), so it stops the writer,
            // which still counts the batch as written.
            AfterCommit?.Invoke();
            pageCache?.ReleaseIfGrown();
            foreach (var buffer in _heldBuffers)
            {
                if (buffer.LiveCount > 0)
                    Committed.Add((buffer.Schema, buffer.LiveCount));
                buffer.Release();
            }
            _holding = false;
            return (_heldCount - rejected, rejected, _heldThroughId);
        }
        catch (Exception ex)
        {
            throw new WriterStateException(_heldCount - rejected, rejected, ex);
        }
    }

    /// <summary>Commits the batch; false when one event was rejected and the transaction rolled back to retry without it.</summary>
    private bool TryCommit(EventBuffer[] buffers)
    {
        try
        {
            Commit(buffers);
            return true;
        }
        catch (EventRejectedException rejection)
        {
            Rejections.Add(rejection);
            return false;
        }
    }

    private void Commit(EventBuffer[] buffers)
    {
        Database.Execute("BEGIN IMMEDIATE");
        try
        {
            var live = buffers.Where(b => b.LiveCount > 0).ToArray();
            foreach (var family in live.Where(b => b.Schema.Base is not null).GroupBy(b => b.Schema.Base!))
                WriteMerged(StatementsFor(family.Key), [.. family], baseRows: true);
            foreach (var table in live.GroupBy(b => b.Schema))
                WriteMerged(StatementsFor(table.Key), [.. table], baseRows: false);
            // In WAL mode SQLite goes on writing into a file that was deleted or renamed away: check before committing.
            if (Database.MainFileHasMoved())
                throw new EventDbException(SqliteReadOnlyDbMoved, $"'{Database.Path}' was moved or deleted while the logger had it open; the batch was rolled back and is held until the file is back.");
            Database.Execute("COMMIT");
        }
        catch
        {
            _arena.Reset();
            if (Database.InTransaction)
                Database.TryExecute("ROLLBACK");
            throw;
        }
    }

    /// <summary>
    /// Writes the rows of one table from every buffer that has some, merged by id: the base rows of a family of child
    /// types, or one type's own rows from the buffers of each thread that added it.
    /// </summary>
    private void WriteMerged(TableStatements table, EventBuffer[] members, bool baseRows)
    {
        var cursors = new RowCursor[members.Length];
        int remaining = 0;
        for (int m = 0; m < members.Length; m++)
        {
            cursors[m] = members[m].BeginRows();
            remaining += members[m].LiveCount;
        }
        while (remaining > 0)
        {
            int rows = Math.Min(remaining, table.MaxRows);
            nint statement = table.Get(rows);
            var binder = new StatementBinder(statement, _arena);
            long firstId = -1;
            for (int bound = 0; bound < rows;)
            {
                // The member with the lowest next id binds until the second lowest; with one member, all of it.
                int next = -1;
                long nextId = long.MaxValue, limit = long.MaxValue;
                for (int m = 0; m < members.Length; m++)
                {
                    long id = members[m].NextId(ref cursors[m]);
                    if (id < nextId)
                    {
                        (limit, nextId, next) = (nextId, id, m);
                    }
                    else if (id < limit)
                    {
                        limit = id;
                    }
                }
                if (firstId < 0)
                    firstId = nextId;
                bound += members[next].BindRows(ref cursors[next], ref binder, rows - bound, limit, baseRows);
            }
            table.Execute(statement, firstId);
            _arena.Reset();
            remaining -= rows;
        }
    }

    private TableStatements StatementsFor(EventTableSchema table)
    {
        if (!_statements.TryGetValue(table, out var statements))
            _statements.Add(table, statements = new TableStatements(Database, table));
        return statements;
    }

    public void Dispose()
    {
        foreach (var statements in _statements.Values)
            statements.Dispose();
        _statements.Clear();
        _arena.Dispose();
        connection.Dispose();
    }
}
