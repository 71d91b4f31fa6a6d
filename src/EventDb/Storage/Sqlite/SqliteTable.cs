using System.Runtime.CompilerServices;
using SQLitePCL;

namespace EventDb;

/// <summary>
/// One table on the writer's connection: the stage its rows are staged in, and a multi-row INSERT for every row count up
/// to <see cref="MaxRows"/>, prepared on first use and kept for the life of the store. One step then inserts many rows,
/// which pays SQLite's per-statement cost once per chunk instead of once per row. A full stage goes to the
/// <see cref="InsertRunner"/>, which binds and steps it on its own thread while the next one fills.
/// </summary>
/// <remarks>
/// A chunk whose ids follow the table's largest id without a gap (every chunk of a base table, in the usual case) binds
/// its ids as NULL, where <c>id</c> is the table's rowid: SQLite then appends at the end of the B-tree instead of
/// searching it for each row's id, and gives each row the next id, which is the row's own. SQLite's last id is checked
/// after the step; should it ever differ, the batch fails, is rolled back and retried (the rollback forgets the largest
/// id), and the table binds its ids from then on.
/// </remarks>
internal sealed unsafe class SqliteTable : IDisposable
{
    /// <summary>Rows per INSERT. 16, 32 and 64 measured within noise of each other with 4 KiB pages; 64 led slightly with 16 KiB.</summary>
    public const int RowsPerInsert = 64;

    // SQLITE_MAX_VARIABLE_NUMBER defaults to 32766 since SQLite 3.32.
    private const int MaxParameters = 32766;

    // Text and blobs of one chunk (a Penguin syscall chunk takes about 10 KiB); larger values get memory of their own
    // until their statement has run.
    private const int ArenaBytes = 32 * 1024;

    private readonly SqliteDatabase _db;
    private readonly InsertRunner _runner;
    private readonly sqlite3_stmt?[] _byRowCount;
    private readonly nint[] _handles;
    private readonly int _parametersPerRow;
    private readonly long _lengthLimit;
    // Guarded by the runner's lock. Sized for every stage a table can have (queued, running, and the current one), so
    // keeping one never allocates: a failure there, on the runner's thread, would end the process.
    private readonly Stack<RowStage> _free = new(InsertRunner.Capacity + 2);
    private long? _lastRowId; // the table's largest id, while known (runner thread during a batch, writer between)
    private bool? _appendIds; // whether id is the table's rowid (checked on first use), and SQLite has not disagreed

    /// <summary>Made on the writer thread while the runner may be using the connection: it does not touch it.</summary>
    public SqliteTable(SqliteDatabase db, EventTableSchema schema, InsertRunner runner, long lengthLimit)
    {
        _db = db;
        _runner = runner;
        _lengthLimit = lengthLimit;
        Schema = schema;
        _parametersPerRow = schema.Columns.Count + 1;
        MaxRows = Math.Clamp(MaxParameters / _parametersPerRow, 1, RowsPerInsert);
        _byRowCount = new sqlite3_stmt?[MaxRows + 1];
        _handles = new nint[MaxRows + 1];
        Stage = NewStage();
    }

    public EventTableSchema Schema { get; }

    public int MaxRows { get; }

    /// <summary>The chunk being staged (the writer thread's); the ones before it are with the runner.</summary>
    public RowStage Stage { get; private set; }

    /// <summary>A child table's events whose own row failed after their base row was written: the base rows go too.</summary>
    public List<long> OrphanedBaseRows { get; } = [];

    /// <summary>After each staged row: a full stage goes to the runner.</summary>
    public void RowStaged()
    {
        if (Stage.Rows == MaxRows)
            Send();
    }

    /// <summary>Sends the staged rows, if any, to the runner.</summary>
    public void Flush()
    {
        if (Stage.Rows > 0)
            Send();
    }

    private void Send() => Stage = _runner.Exchange(this, Stage);

    /// <summary>Binds and runs a staged chunk (on the runner's thread).</summary>
    public void Insert(RowStage stage)
    {
        int rows = stage.Rows;
        var values = stage.Values;
        long firstId = values[0].Bits;
        long lastId = values[(rows - 1) * _parametersPerRow].Bits;
        bool append = (_appendIds ??= IdIsRowId()) && IdsFollowOn(values, rows, firstId);
        nint statement = _handles[rows] != 0 ? _handles[rows] : Prepare(rows);
        Bind(statement, values, append);
        int rc = NativeMethods.sqlite3_step(statement);
        _ = NativeMethods.sqlite3_reset(statement); // returns step's error again, which is reported below
        if (rc != raw.SQLITE_DONE)
            throw new EventDbException(rc, $"Inserting events from id {firstId} into '{Schema.Name}' failed: {SqliteErrors.Describe(rc, _db.Handle)}");
        if (append && raw.sqlite3_last_insert_rowid(_db.Handle) is var given && given != lastId)
        {
            _appendIds = false;
            throw new EventDbException($"SQLite gave the last of events {firstId}..{lastId} in '{Schema.Name}' id {given}; the batch is retried with the ids bound.");
        }
        if (_lastRowId is { } known)
            _lastRowId = Math.Max(known, lastId);
    }

    /// <summary>Before a batch, after a rollback or a delete: the table's largest id is read again when next needed.</summary>
    public void ForgetLastRowId() => _lastRowId = null;

    /// <summary>
    /// Whether <c>id</c> is the table's rowid, the only column SQLite fills itself: a primary key that is not (in a
    /// <c>WITHOUT ROWID</c> table, or declared another way in a file EventDb did not create) has an index of its own.
    /// </summary>
    private bool IdIsRowId() =>
        !_db.QueryText($"PRAGMA index_list({SqliteSql.Quote(Schema.Name)})").Exists(index => index[3] == "pk"); // seq, name, unique, origin, partial

    /// <summary>Whether the rows' ids are the table's largest id plus 1, 2, 3 and so on.</summary>
    private bool IdsFollowOn(ReadOnlySpan<StagedValue> values, int rows, long firstId)
    {
        for (int row = 1; row < rows; row++)
        {
            if (values[row * _parametersPerRow].Bits != firstId + row)
                return false;
        }
        _lastRowId ??= _db.QueryInt64($"SELECT max(rowid) FROM {SqliteSql.Quote(Schema.Name)}");
        return firstId == _lastRowId + 1;
    }

    /// <summary>An emptied stage back from the runner, kept for reuse (under the runner's lock).</summary>
    public void KeepFreeStage(RowStage stage) => _free.Push(stage);

    /// <summary>A stage kept for reuse, or null (under the runner's lock).</summary>
    public RowStage? TakeFreeStage() => _free.TryPop(out var stage) ? stage : null;

    /// <summary>A new empty stage of this table's shape.</summary>
    public RowStage NewStage()
    {
        AllocationFaults.Allocating(AllocationSite.Stage);
        return new(_parametersPerRow, MaxRows, new Utf8Arena(ArenaBytes, _lengthLimit));
    }

    private nint Prepare(int rows)
    {
        AllocationFaults.Allocating(AllocationSite.Statement);
        var statement = _db.Prepare(SqliteSql.Insert(Schema, rows), persistent: true);
        _byRowCount[rows] = statement;
        return _handles[rows] = statement.DangerousGetHandle();
    }

    /// <summary>Binds the staged values in order; with <paramref name="appendIds"/>, each row's id (its first value) as NULL.</summary>
    private void Bind(nint statement, ReadOnlySpan<StagedValue> values, bool appendIds)
    {
        for (int first = 0; first < values.Length; first += _parametersPerRow)
        {
            int rc = appendIds ? NativeMethods.sqlite3_bind_null(statement, first + 1) : Bind(statement, first + 1, values[first]);
            int i = first + 1;
            for (; i < first + _parametersPerRow && rc == raw.SQLITE_OK; i++)
                rc = Bind(statement, i + 1, values[i]);
            if (rc != raw.SQLITE_OK)
                throw new EventDbException(rc, $"Binding parameter {i} of an INSERT into '{Schema.Name}' failed: {SqliteErrors.Describe(rc, _db.Handle)}");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bind(nint statement, int index, in StagedValue value) => value.Kind switch
    {
        StagedKind.Integer => NativeMethods.sqlite3_bind_int64(statement, index, value.Bits),
        StagedKind.Real => NativeMethods.sqlite3_bind_double(statement, index, BitConverter.Int64BitsToDouble(value.Bits)),
        StagedKind.Text => NativeMethods.sqlite3_bind_text(statement, index, (byte*)value.Pointer, value.Length, NativeMethods.Static),
        // A zero-length BLOB from a pointer could read as NULL; zeroblob(0) is the empty BLOB.
        StagedKind.Blob when value.Length == 0 => NativeMethods.sqlite3_bind_zeroblob(statement, index, 0),
        StagedKind.Blob => NativeMethods.sqlite3_bind_blob(statement, index, (byte*)value.Pointer, value.Length, NativeMethods.Static),
        _ => NativeMethods.sqlite3_bind_null(statement, index),
    };

    public void Dispose()
    {
        // After the runner has stopped: every stage is the current one or a free one, all empty but for memory.
        Stage.Dispose();
        foreach (var stage in _free)
            stage.Dispose();
        _free.Clear();
        foreach (var statement in _byRowCount)
            statement?.Dispose();
        Array.Clear(_byRowCount);
        Array.Clear(_handles);
    }
}
