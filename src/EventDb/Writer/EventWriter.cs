namespace EventDb;

/// <summary>
/// Writes batches on the writer thread, storage-neutral: takes what was added, and hands it to the store as one batch,
/// table by table — each family's base rows, then each table's own rows — every table's rows merged in id order across
/// the buffers that hold them, so every B-tree is only appended to. An event the store cannot take is skipped where it
/// fails; a batch that fails to commit is rolled back and held, unchanged, for the next attempt.
/// </summary>
internal sealed class EventWriter(IEventStore store) : IDisposable
{
    private readonly Dictionary<EventTableSchema, RowFeed> _feeds = [];
    private EventBuffer[] _heldBuffers = [];
    private long _heldThroughId;
    private int _heldCount;
    private bool _holding;

    public IEventStore Store { get; } = store;

    /// <summary>Runs after each COMMIT, before the batch is accounted for; a test uses it to fail the writer for good.</summary>
    internal Action? AfterCommit { get; set; }

    /// <summary>Events taken and not yet committed.</summary>
    public int HeldCount => _holding ? _heldCount : 0;

    /// <summary>The tables and event counts of the last committed flush.</summary>
    public List<(EventTableSchema Table, int Count)> Committed { get; } = [];

    /// <summary>Events skipped since the last flush because the store cannot hold one of their values; the logger reports and clears them.</summary>
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
            Take(sequence, buffers);
        Committed.Clear();
        if (_heldCount > 0)
            WriteBatch(_heldBuffers);
        int rejected = 0;
        foreach (var buffer in _heldBuffers)
            rejected += buffer.RejectedCount;
        try
        {
            // Committed: a failure from here on cannot be retried (the batch is in the file), so it stops the writer,
            // which still counts the batch as written. Nothing here allocates.
            AfterCommit?.Invoke();
            foreach (var buffer in _heldBuffers)
                buffer.Release();
            _holding = false;
            return (_heldCount - rejected, rejected, _heldThroughId);
        }
        catch (Exception ex)
        {
            throw new WriterStateException(_heldCount - rejected, rejected, ex);
        }
    }

    private void Take(EventSequence sequence, Func<EventBuffer[]> buffers)
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

    private void WriteBatch(EventBuffer[] buffers)
    {
        Store.BeginBatch();
        try
        {
            var live = buffers.Where(b => b.LiveCount > 0).ToArray();
            foreach (var family in live.Where(b => b.Schema.Base is not null).GroupBy(b => b.Schema.Base!))
                WriteTable(family.Key, [.. family], baseRows: true);
            foreach (var table in live.GroupBy(b => b.Schema))
                WriteTable(table.Key, [.. table], baseRows: false);
            // Before the COMMIT: once the batch is in the file, an allocation that fails can no longer undo it.
            foreach (var buffer in live)
            {
                if (buffer.LiveCount > 0)
                    Committed.Add((buffer.Schema, buffer.LiveCount));
            }
            Store.CommitBatch();
        }
        catch
        {
            Store.RollbackBatch();
            throw;
        }
    }

    /// <summary>
    /// Writes the rows of one table from every buffer that has some, merged by id: the base rows of a family of child
    /// types, or one type's own rows from the buffers of each thread that added it.
    /// </summary>
    private void WriteTable(EventTableSchema table, EventBuffer[] members, bool baseRows)
    {
        Store.BeginTable(table);
        AllocationFaults.Allocating(AllocationSite.Batch);
        var cursors = new RowCursor[members.Length];
        var feeds = new RowFeed[members.Length];
        for (int m = 0; m < members.Length; m++)
        {
            cursors[m] = members[m].BeginRows();
            feeds[m] = FeedFor(members[m]);
        }
        while (true)
        {
            // The member with the lowest next id writes until the second lowest; with one member, all of it.
            int next = -1;
            long nextId = long.MaxValue, limit = long.MaxValue;
            for (int m = 0; m < members.Length; m++)
            {
                long id = members[m].NextId(ref cursors[m]);
                if (id < nextId)
                    (limit, nextId, next) = (nextId, id, m);
                else if (id < limit)
                    limit = id;
            }
            if (next < 0)
                break;
            feeds[next].Write(Store, members[next], baseRows, ref cursors[next], limit, Rejections);
        }
        Store.EndTable();
    }

    /// <summary>The feed of <paramref name="buffer"/>'s event type: one per type, whichever thread's buffer made it.</summary>
    private RowFeed FeedFor(EventBuffer buffer)
    {
        if (!_feeds.TryGetValue(buffer.Schema, out var feed))
            _feeds.Add(buffer.Schema, feed = RowFeed.For(buffer));
        return feed;
    }

    /// <summary>Closes the store; <paramref name="seal"/> after a clean close.</summary>
    public void Close(bool seal)
    {
        if (seal)
            Store.Seal();
        Store.Dispose();
    }

    public void Dispose() => Close(seal: false);
}
