namespace EventDb;

/// <summary>
/// Writes batches on the writer thread: one <c>BEGIN IMMEDIATE ... COMMIT</c> per flush. Base rows of every type are
/// merged in id order and child rows are written table by table, each in multi-row INSERTs, so every B-tree is only
/// appended to. A batch that fails to commit is rolled back and held, unchanged, for the next attempt.
/// </summary>
internal sealed class EventWriter(SqliteDatabase db, PageCacheReleaser? pageCache) : IDisposable
{
    // Text and blobs of one multi-row INSERT; larger values are bound as copies instead.
    private const int ArenaBytes = 256 * 1024;

    private readonly Dictionary<EventTableSchema, TableStatements> _statements = [];
    private readonly Utf8Arena _arena = new(ArenaBytes);
    private EventBuffer[] _heldBuffers = [];
    private long _heldThroughId;
    private int _heldCount;
    private bool _holding;

    public SqliteDatabase Database { get; } = db;

    /// <summary>Events taken and not yet committed.</summary>
    public int HeldCount => _holding ? _heldCount : 0;

    /// <summary>The tables and event counts of the last committed flush.</summary>
    public List<(EventTableSchema Table, int Count)> Committed { get; } = [];

    /// <summary>Events of the held batch that were rejected since the last flush; the logger reports and clears them.</summary>
    public List<EventRejectedException> Rejections { get; } = [];

    /// <summary>
    /// Takes everything appended so far (unless a failed batch is still held) and commits it. Returns how many events
    /// were committed, how many were rejected (see <see cref="Rejections"/>), and the id through which every event
    /// is now written or rejected.
    /// </summary>
    public (int Written, int Rejected, long ThroughId) Flush(EventBuffer[] buffers, EventSequence sequence)
    {
        if (!_holding)
        {
            // Ids are assigned and appended inside the gate: holding it, the last id is exactly what the buffers hold.
            _heldCount = 0;
            sequence.Enter();
            try
            {
                _heldThroughId = sequence.LastId;
                foreach (var buffer in buffers)
                    _heldCount += buffer.TakeInsideGate();
            }
            finally
            {
                sequence.Exit();
            }
            _heldBuffers = buffers;
            _holding = true;
        }

        int rejected = 0;
        Committed.Clear();
        if (_heldCount > 0)
        {
            // Each rejection marks one more event to skip, so this ends; one bad value never costs its neighbours.
            while (!TryCommit(_heldBuffers))
            {
            }
            pageCache?.ReleaseIfGrown();
            foreach (var buffer in _heldBuffers)
            {
                rejected += buffer.RejectedCount;
                if (buffer.LiveCount > 0)
                    Committed.Add((buffer.Schema, buffer.LiveCount));
            }
        }

        foreach (var buffer in _heldBuffers)
            buffer.Release(sequence);
        _holding = false;
        return (_heldCount - rejected, rejected, _heldThroughId);
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
            WriteBaseRows(buffers);
            foreach (var buffer in buffers)
            {
                if (buffer.LiveCount > 0)
                    buffer.WriteRows(StatementsFor(buffer.Schema), _arena);
            }
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

    /// <summary>For each base table: a k-way merge by id over the batches of its child types.</summary>
    private void WriteBaseRows(EventBuffer[] buffers)
    {
        foreach (var family in buffers.Where(b => b.LiveCount > 0 && b.Schema.Base is not null).GroupBy(b => b.Schema.Base!))
        {
            var members = family.ToArray();
            var cursors = new BaseCursor[members.Length];
            var table = StatementsFor(family.Key);
            int remaining = 0;
            for (int m = 0; m < members.Length; m++)
            {
                cursors[m] = members[m].BeginBaseRows();
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
                    int next = -1;
                    long nextId = long.MaxValue, limit = long.MaxValue;
                    for (int m = 0; m < members.Length; m++)
                    {
                        long id = members[m].NextBaseId(ref cursors[m]);
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
                    bound += members[next].BindBaseRows(ref cursors[next], ref binder, rows - bound, limit);
                }
                table.Execute(statement, firstId);
                _arena.Reset();
                remaining -= rows;
            }
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
        Database.Dispose();
    }
}
