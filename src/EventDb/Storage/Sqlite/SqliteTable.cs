using SQLitePCL;

namespace EventDb;

/// <summary>
/// One table on the writer's connection: the stage its rows wait in, and a multi-row INSERT for every row count up to
/// <see cref="MaxRows"/>, prepared on first use and kept for the life of the store. One step then inserts many rows,
/// which pays SQLite's per-statement cost once per chunk instead of once per row.
/// </summary>
internal sealed unsafe class SqliteTable : IDisposable
{
    /// <summary>Rows per INSERT. 16, 32 and 64 measured within noise of each other with 4 KiB pages; 64 led slightly with 16 KiB.</summary>
    public const int RowsPerInsert = 64;

    // SQLITE_MAX_VARIABLE_NUMBER defaults to 32766 since SQLite 3.32.
    private const int MaxParameters = 32766;

    private readonly SqliteDatabase _db;
    private readonly sqlite3_stmt?[] _byRowCount;
    private readonly nint[] _handles;

    public SqliteTable(SqliteDatabase db, EventTableSchema schema, Utf8Arena arena)
    {
        _db = db;
        Schema = schema;
        int parametersPerRow = schema.Columns.Count + 1;
        MaxRows = Math.Clamp(MaxParameters / parametersPerRow, 1, RowsPerInsert);
        _byRowCount = new sqlite3_stmt?[MaxRows + 1];
        _handles = new nint[MaxRows + 1];
        Stage = new RowStage(parametersPerRow, MaxRows, arena);
    }

    public EventTableSchema Schema { get; }

    public int MaxRows { get; }

    /// <summary>Rows waiting to be bound.</summary>
    public RowStage Stage { get; }

    /// <summary>After each staged row: a full stage is written at once.</summary>
    public void RowStaged()
    {
        if (Stage.Rows == MaxRows)
            Flush();
    }

    /// <summary>Binds and runs the staged rows, if any, and empties the stage.</summary>
    public void Flush()
    {
        int rows = Stage.Rows;
        if (rows == 0)
            return;
        nint statement = _handles[rows] != 0 ? _handles[rows] : Prepare(rows);
        Bind(statement, Stage.Values);
        int rc = NativeMethods.sqlite3_step(statement);
        _ = NativeMethods.sqlite3_reset(statement); // returns step's error again, which is reported below
        if (rc != raw.SQLITE_DONE)
        {
            long firstId = Stage.Values[0].Bits;
            throw new EventDbException(rc, $"Inserting events from id {firstId} into '{Schema.Name}' failed: {SqliteErrors.Describe(rc, _db.Handle)}");
        }
        Stage.Clear();
    }

    private nint Prepare(int rows)
    {
        var statement = _db.Prepare(SqliteSql.Insert(Schema, rows), persistent: true);
        _byRowCount[rows] = statement;
        return _handles[rows] = statement.DangerousGetHandle();
    }

    private void Bind(nint statement, ReadOnlySpan<StagedValue> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            ref readonly var value = ref values[i];
            int index = i + 1;
            int rc = value.Kind switch
            {
                StagedKind.Integer => NativeMethods.sqlite3_bind_int64(statement, index, value.Bits),
                StagedKind.Real => NativeMethods.sqlite3_bind_double(statement, index, BitConverter.Int64BitsToDouble(value.Bits)),
                StagedKind.Text => NativeMethods.sqlite3_bind_text(statement, index, (byte*)value.Pointer, value.Length, NativeMethods.Static),
                // A zero-length BLOB from a pointer could read as NULL; zeroblob(0) is the empty BLOB.
                StagedKind.Blob when value.Length == 0 => NativeMethods.sqlite3_bind_zeroblob(statement, index, 0),
                StagedKind.Blob => NativeMethods.sqlite3_bind_blob(statement, index, (byte*)value.Pointer, value.Length, NativeMethods.Static),
                _ => NativeMethods.sqlite3_bind_null(statement, index),
            };
            if (rc != raw.SQLITE_OK)
                throw new EventDbException(rc, $"Binding parameter {index} of an INSERT into '{Schema.Name}' failed: {SqliteErrors.Describe(rc, _db.Handle)}");
        }
    }

    public void Dispose()
    {
        foreach (var statement in _byRowCount)
            statement?.Dispose();
        Array.Clear(_byRowCount);
        Array.Clear(_handles);
    }
}
