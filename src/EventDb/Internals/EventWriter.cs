using System.Diagnostics;

namespace EventDb;

/// <summary>
/// Writes batches on the writer thread: one <c>BEGIN IMMEDIATE ... COMMIT</c> per flush, base and child rows merged
/// in id order so every B-tree is appended to, never split in the middle. A batch that fails to commit is rolled back
/// and held, unchanged, for the next attempt.
/// </summary>
internal sealed class EventWriter(SqliteDatabase db) : IDisposable
{
    private EventBuffer[] _heldBuffers = [];
    private long _heldThroughId;
    private int _heldCount;
    private bool _holding;
    private int[] _positions = [];

    public SqliteDatabase Database { get; } = db;

    /// <summary>Events taken and not yet committed.</summary>
    public int HeldCount => _holding ? _heldCount : 0;

    /// <summary>
    /// Takes everything appended so far (unless a failed batch is still held) and commits it.
    /// Returns how many events were committed and the id through which every event is now written.
    /// </summary>
    public (int Written, long ThroughId) Flush(EventBuffer[] buffers, ref long lastId)
    {
        if (!_holding)
        {
            // Read the id counter before taking: an id is assigned under its buffer's lock together with its append,
            // so every id up to here is already in a buffer and will be taken below.
            _heldThroughId = Volatile.Read(ref lastId);
            _heldCount = 0;
            foreach (var buffer in buffers)
                _heldCount += buffer.Take();
            _heldBuffers = buffers;
            _holding = true;
        }

        if (_heldCount > 0)
            Commit(_heldBuffers);

        foreach (var buffer in _heldBuffers)
            buffer.Release();
        _holding = false;
        return (_heldCount, _heldThroughId);
    }

    private void Commit(EventBuffer[] buffers)
    {
        Database.Execute("BEGIN IMMEDIATE");
        try
        {
            foreach (var buffer in buffers)
            {
                if (buffer.TakenCount > 0)
                    buffer.Prepare(Database);
            }
            WriteMerged(buffers);
            Database.Execute("COMMIT");
        }
        catch
        {
            if (Database.InTransaction)
                Database.TryExecute("ROLLBACK");
            throw;
        }
    }

    /// <summary>A k-way merge by id over the per-type batches, writing runs of consecutive ids of one type at a time.</summary>
    private void WriteMerged(EventBuffer[] buffers)
    {
        if (_positions.Length < buffers.Length)
            _positions = new int[buffers.Length];
        var positions = _positions;
        Array.Clear(positions);
        while (true)
        {
            int best = -1;
            long bestId = long.MaxValue, nextId = long.MaxValue;
            for (int i = 0; i < buffers.Length; i++)
            {
                if (positions[i] >= buffers[i].TakenCount)
                    continue;
                long id = buffers[i].IdAt(positions[i]);
                if (id < bestId)
                {
                    nextId = bestId;
                    bestId = id;
                    best = i;
                }
                else if (id < nextId)
                {
                    nextId = id;
                }
            }
            if (best < 0)
                return;
            int stop = buffers[best].WriteRun(positions[best], nextId);
            Debug.Assert(stop > positions[best], "A run writes at least one event.");
            positions[best] = stop;
        }
    }

    /// <summary>Finalizes the statements of <paramref name="buffers"/> and closes the connection.</summary>
    public void Close(EventBuffer[] buffers)
    {
        foreach (var buffer in buffers)
            buffer.DisposeStatements();
        Database.Dispose();
    }

    public void Dispose() => Database.Dispose();
}
