using System.Runtime.CompilerServices;
using SQLitePCL;

namespace EventDb;

/// <summary>
/// The events of one type waiting to be written, double-buffered: producers append to the active side under a short
/// lock while the writer owns the other side. After a commit the writer's side is cleared and becomes the next
/// spare, so steady state allocates nothing.
/// </summary>
internal abstract class EventBuffer
{
    protected EventBuffer(EventTableSchema schema) => Schema = schema;

    public EventTableSchema Schema { get; }

    /// <summary>Events on the writer's side (taken by <see cref="Take"/>, not yet released).</summary>
    public int TakenCount { get; protected set; }

    /// <summary>Moves every appended event to the writer's side. Writer thread only, and only after <see cref="Release"/>.</summary>
    public abstract int Take();

    /// <summary>The id of the <paramref name="index"/>-th taken event.</summary>
    public abstract long IdAt(int index);

    /// <summary>Writes taken events from <paramref name="start"/> while their id is below <paramref name="idLimit"/>; returns where it stopped.</summary>
    public abstract int WriteRun(int start, long idLimit);

    /// <summary>Forgets the taken events after their commit, keeping the arrays for reuse.</summary>
    public abstract void Release();

    /// <summary>Prepares this table's INSERTs on the writer's connection.</summary>
    public abstract void Prepare(SqliteDatabase db);

    /// <summary>Finalizes the prepared statements.</summary>
    public abstract void DisposeStatements();
}

internal sealed class EventBuffer<T> : EventBuffer where T : struct, IEventTable<T>
{
    private struct Entry
    {
        public long Id;
        public T Row;
    }

    private const int InitialCapacity = 1024;

    private readonly Lock _lock = new();
    private Entry[] _active = new Entry[InitialCapacity];
    private int _activeCount;
    private Entry[] _taken = new Entry[InitialCapacity];

    private sqlite3_stmt? _insert;
    private sqlite3_stmt? _baseInsert;

    public EventBuffer() : base(T.Schema)
    {
    }

    /// <summary>Assigns the next id and appends, atomically, so every id the writer has seen assigned is already in a buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(in T row, ref long lastId)
    {
        lock (_lock)
        {
            if (_activeCount == _active.Length)
                Grow();
            ref var entry = ref _active[_activeCount];
            entry.Id = Interlocked.Increment(ref lastId);
            entry.Row = row;
            _activeCount++;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow() => Array.Resize(ref _active, _active.Length * 2);

    public override int Take()
    {
        System.Diagnostics.Debug.Assert(TakenCount == 0, "The previous batch was not released.");
        lock (_lock)
        {
            (_taken, _active) = (_active, _taken);
            TakenCount = _activeCount;
            _activeCount = 0;
        }
        return TakenCount;
    }

    public override long IdAt(int index) => _taken[index].Id;

    public override int WriteRun(int start, long idLimit)
    {
        var entries = _taken;
        int end = TakenCount;
        var insert = _insert!;
        var baseInsert = _baseInsert;
        int i = start;
        for (; i < end && entries[i].Id < idLimit; i++)
        {
            ref readonly var entry = ref entries[i];
            if (baseInsert is not null)
            {
                var baseBinder = new StatementBinder(baseInsert);
                baseBinder.Int64(entry.Id);
                T.BindBase(ref baseBinder, in entry.Row);
                Step(baseInsert, Schema.Base!, entry.Id);
            }
            var binder = new StatementBinder(insert);
            binder.Int64(entry.Id);
            T.Bind(ref binder, in entry.Row);
            Step(insert, Schema, entry.Id);
        }
        return i;
    }

    private static void Step(sqlite3_stmt statement, EventTableSchema table, long id)
    {
        int rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
            throw new EventDbException(rc, $"Inserting event {id} into '{table.Name}' failed: {EventDbThrow.Describe(rc, raw.sqlite3_db_handle(statement))}");
    }

    public override void Release()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            Array.Clear(_taken, 0, TakenCount);
        TakenCount = 0;
    }

    public override void Prepare(SqliteDatabase db)
    {
        _insert ??= db.Prepare(Schema.InsertSql, persistent: true);
        if (Schema.BaseInsertSql is { } baseInsertSql)
            _baseInsert ??= db.Prepare(baseInsertSql, persistent: true);
    }

    public override void DisposeStatements()
    {
        _insert?.Dispose();
        _baseInsert?.Dispose();
        _insert = _baseInsert = null;
    }
}
