namespace EventDb;

/// <summary>
/// Where the writer puts its batches: the seam between the storage-neutral writer and the one class that knows a file
/// format (<see cref="SqliteStore"/>, or a test double). A batch is all or nothing; inside it, rows arrive table by
/// table, each table's rows in id order, each row through the <see cref="RowSink{T}"/> of its event type.
/// </summary>
internal interface IEventStore : IDisposable
{
    /// <summary>The largest id in the store when it opened (ids continue after it).</summary>
    long MaxId { get; }

    /// <summary>How many times opening met a lock held by another connection and tried again.</summary>
    int OpenRetries { get; }

    /// <summary>
    /// The full path of the file the store writes, symbolic links resolved when it opened: a link repointed later (a
    /// <c>results/latest</c> that moves on to the next run) changes neither the file written nor this path.
    /// </summary>
    string FilePath { get; }

    /// <summary>
    /// Whether <paramref name="error"/> means another connection held a lock the store needed: the attempt is retried
    /// soon, and not counted as a failure.
    /// </summary>
    bool IsBusy(EventDbException error);

    /// <summary>Creates <paramref name="tables"/> (and their base tables) or checks them, adding new nullable columns.</summary>
    /// <exception cref="EventDbSchemaException">A table differs other than by new nullable columns; nothing was changed.</exception>
    void EnsureTables(IReadOnlyCollection<EventTableSchema> tables);

    /// <summary>Starts a batch: from here until <see cref="CommitBatch"/> every row is kept or none is.</summary>
    void BeginBatch();

    /// <summary>
    /// Starts the rows of <paramref name="table"/>: the sinks of the types that write it take rows until
    /// <see cref="EndTable"/>. The store hands those sinks the table here, so a row needs no call back into the store.
    /// </summary>
    void BeginTable(EventTableSchema table);

    /// <summary>Writes what is pending of the current table.</summary>
    void EndTable();

    /// <summary>Commits the batch.</summary>
    /// <exception cref="EventDbException">The commit failed; the batch is rolled back and may be written again.</exception>
    void CommitBatch();

    /// <summary>Undoes the batch after a failure anywhere in it; never throws.</summary>
    void RollbackBatch();

    /// <summary>
    /// Before the last batch of a close that will seal: lets that batch go straight into the self-contained file, when
    /// the storage can. Never throws; <see cref="Seal"/> still follows the last batch.
    /// </summary>
    void BeginSeal();

    /// <summary>After the last batch of a clean close: make the file self-contained, when the storage can. Never throws.</summary>
    void Seal();

    /// <summary>The sink that writes <typeparamref name="T"/>'s rows: its base table's (<paramref name="baseRows"/>) or its own.</summary>
    RowSink<T> SinkFor<T>(bool baseRows) where T : struct, IEventTable<T>;
}

/// <summary>
/// Writes rows of one event type into the store's current table. Made once per type by the store, so the per-row call
/// reaches <see cref="IEventTable{TSelf}.Write{TWriter}"/> with the store's own writer type: specialised, no dispatch.
/// </summary>
internal abstract class RowSink<T> where T : struct, IEventTable<T>
{
    /// <summary>
    /// Writes the row of event <paramref name="id"/>. Returns false, and why in <paramref name="rejection"/> (naming the
    /// table and column), when one of its values cannot be stored: nothing of it is written, and its neighbours are unaffected.
    /// </summary>
    public abstract bool TryWrite(long id, in T row, out EventRejectedException? rejection);

    /// <summary>The report of event <paramref name="id"/>, refused at <paramref name="column"/> of <paramref name="table"/>.</summary>
    protected static EventRejectedException Rejected(long id, EventTableSchema table, string column, string reason)
    {
        AllocationFaults.Allocating(AllocationSite.Rejection);
        return new EventRejectedException(id, table.Name, column, reason);
    }
}
