using System.Text;
using SQLitePCL;

namespace EventDb;

/// <summary>
/// The INSERTs of one table on the writer's connection: a multi-row INSERT for every row count up to
/// <see cref="MaxRows"/>, prepared on first use and kept for the life of the logger. One step then inserts many rows,
/// which pays SQLite's per-statement cost once per chunk instead of once per row.
/// </summary>
internal sealed class TableStatements : IDisposable
{
    /// <summary>Rows per INSERT. 16, 32 and 64 measured within noise of each other with 4 KiB pages; 64 led slightly with 16 KiB.</summary>
    public const int RowsPerInsert = 64;

    // SQLITE_MAX_VARIABLE_NUMBER defaults to 32766 since SQLite 3.32.
    private const int MaxParameters = 32766;

    private readonly SqliteDatabase _db;
    private readonly string _prefix;
    private readonly string _rowTuple;
    private readonly sqlite3_stmt?[] _byRowCount;
    private readonly nint[] _handles;

    public TableStatements(SqliteDatabase db, EventTableSchema table)
    {
        _db = db;
        Table = table;
        // InsertSql is "INSERT INTO t (id, a, b) VALUES (?, ?, ?)": repeat the tuple for a multi-row INSERT.
        int values = table.InsertSql.LastIndexOf(" VALUES ", StringComparison.OrdinalIgnoreCase);
        if (values < 0)
            throw new EventDbException($"The INSERT of table '{table.Name}' has no VALUES clause: {table.InsertSql}");
        const string insertInto = "INSERT INTO ";
        if (!table.InsertSql.StartsWith(insertInto, StringComparison.OrdinalIgnoreCase))
            throw new EventDbException($"The INSERT of table '{table.Name}' does not start with '{insertInto}': {table.InsertSql}");
        // OR FAIL: on a constraint error SQLite keeps the rows the statement already inserted instead of undoing them,
        // so it needs no statement journal. A multi-row INSERT under the default (ABORT) copies every page it touches
        // into one first (a 16 KiB right-edge leaf per statement, spilled to a temp file past 64 KiB): that was 264
        // bytes of temp-file writes per event. Any failure rolls back the whole flush anyway.
        _prefix = "INSERT OR FAIL INTO " + table.InsertSql[insertInto.Length..(values + " VALUES ".Length)];
        _rowTuple = table.InsertSql[(values + " VALUES ".Length)..];
        int parametersPerRow = table.Columns.Count + 1;
        MaxRows = Math.Clamp(MaxParameters / parametersPerRow, 1, RowsPerInsert);
        _byRowCount = new sqlite3_stmt?[MaxRows + 1];
        _handles = new nint[MaxRows + 1];
    }

    public EventTableSchema Table { get; }

    public int MaxRows { get; }

    /// <summary>The prepared INSERT of <paramref name="rows"/> rows (1 to <see cref="MaxRows"/>).</summary>
    public nint Get(int rows)
    {
        nint handle = _handles[rows];
        return handle != 0 ? handle : Prepare(rows);
    }

    private nint Prepare(int rows)
    {
        var sql = new StringBuilder(_prefix.Length + rows * (_rowTuple.Length + 2)).Append(_prefix).Append(_rowTuple);
        for (int i = 1; i < rows; i++)
            sql.Append(", ").Append(_rowTuple);
        var statement = _db.Prepare(sql.ToString(), persistent: true);
        _byRowCount[rows] = statement;
        return _handles[rows] = statement.DangerousGetHandle();
    }

    /// <summary>Runs a bound INSERT and resets it for the next binding.</summary>
    public void Execute(nint statement, long firstId)
    {
        int rc = NativeMethods.sqlite3_step(statement);
        _ = NativeMethods.sqlite3_reset(statement); // returns step's error again, which is reported below
        if (rc != raw.SQLITE_DONE)
            throw new EventDbException(rc, $"Inserting events from id {firstId} into '{Table.Name}' failed: {EventDbThrow.Describe(rc, _db.Handle)}");
    }

    public void Dispose()
    {
        foreach (var statement in _byRowCount)
            statement?.Dispose();
        Array.Clear(_byRowCount);
        Array.Clear(_handles);
    }
}
