using SQLitePCL;

namespace EventDb;

/// <summary>
/// One table's rows in id order, chunk by chunk (<see cref="IRowChunks{TRow}"/>), through one prepared SELECT: the
/// condition is bound once, the id range and limit per chunk, and the statement is reset as soon as the chunk is
/// read, which ends its read of the file.
/// </summary>
internal abstract class SqliteChunks<TRow> : IRowChunks<TRow>
{
    private readonly SqliteDatabase _db;
    private readonly string _table;
    private readonly string _from;
    private readonly string _key;
    private readonly string _condition;
    private readonly List<object?> _parameters = [];
    private readonly sqlite3_stmt _chunk;
    private readonly sqlite3_stmt _lastId;
    private sqlite3_stmt? _keyFromEnd;

    /// <param name="db">The reader's connection.</param>
    /// <param name="table">The table whose ids are read (a child table's own, not its base table's).</param>
    /// <param name="columns">What each row selects: its key first.</param>
    /// <param name="from">The table, or the join, the rows come from.</param>
    /// <param name="key">The id the rows are ordered by.</param>
    /// <param name="where">Which rows.</param>
    protected SqliteChunks(SqliteDatabase db, string table, string columns, string from, string key, Condition? where)
    {
        _db = db;
        _table = table;
        _from = from;
        _key = key;
        _condition = SqliteWhere.Condition(where, _parameters);
        _chunk = Prepare(SqliteSql.Chunk(columns, from, key, _condition));
        try
        {
            _lastId = db.Prepare($"SELECT max({key}) FROM {SqliteSql.Quote(table)}", persistent: true);
            Columns = [.. Enumerable.Range(1, raw.sqlite3_column_count(_chunk) - 1).Select(i => raw.sqlite3_column_name(_chunk, i).utf8_to_string())];
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> Columns { get; } = [];

    /// <summary>The file read.</summary>
    protected string FilePath => _db.Path;

    public long? LastId()
    {
        try
        {
            Step(_lastId); // max() always gives a row: NULL for an empty table
            return raw.sqlite3_column_type(_lastId, 0) == raw.SQLITE_NULL ? null : Id(_lastId, "largest id");
        }
        finally
        {
            raw.sqlite3_reset(_lastId);
        }
    }

    public long? IdOfLast(long afterId, long throughId, int count)
    {
        var statement = _keyFromEnd ??= Prepare(SqliteSql.KeyFromEnd(_from, _key, _condition));
        BindRange(statement, afterId, throughId, count - 1L);
        try
        {
            return Step(statement) ? Id(statement, "id") : null;
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    public int Read(long afterId, long throughId, Span<(long Id, TRow Row)> rows)
    {
        BindRange(_chunk, afterId, throughId, rows.Length);
        int count = 0;
        try
        {
            while (count < rows.Length && Step(_chunk))
                rows[count++] = (Id(_chunk, "id"), ReadRow(_chunk));
        }
        finally
        {
            raw.sqlite3_reset(_chunk);
        }
        return count;
    }

    /// <summary>The current row's values after its key.</summary>
    protected abstract TRow ReadRow(sqlite3_stmt statement);

    private sqlite3_stmt Prepare(string sql)
    {
        var statement = _db.Prepare(sql, persistent: true);
        try
        {
            for (int i = 0; i < _parameters.Count; i++)
                _db.Bind(statement, i + 3, _parameters[i]); // after the id range
            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The id range first, then (past the condition's) the limit or offset. After <see cref="long.MinValue"/> means from
    /// the start, so a row whose id is <see cref="long.MinValue"/> is read too: bound as -infinity, below every integer.
    /// </summary>
    private void BindRange(sqlite3_stmt statement, long afterId, long throughId, long last)
    {
        if (afterId == long.MinValue)
            raw.sqlite3_bind_double(statement, 1, double.NegativeInfinity);
        else
            raw.sqlite3_bind_int64(statement, 1, afterId);
        raw.sqlite3_bind_int64(statement, 2, throughId);
        raw.sqlite3_bind_int64(statement, _parameters.Count + 3, last);
    }

    private bool Step(sqlite3_stmt statement)
    {
        // A closed connection may have finalized the statement with it: stepping its pointer would read freed memory.
        ObjectDisposedException.ThrowIf(statement.IsClosed, this);
        int rc = NativeMethods.sqlite3_step(statement.DangerousGetHandle());
        if (rc is not (raw.SQLITE_ROW or raw.SQLITE_DONE))
            SqliteErrors.Throw(rc, _db.Handle, $"Reading '{_table}' from '{_db.Path}' failed");
        return rc == raw.SQLITE_ROW;
    }

    /// <summary>The first column, which reads are ordered and resumed by: an integer, or the table cannot be read in id order.</summary>
    private long Id(sqlite3_stmt statement, string what)
    {
        nint handle = statement.DangerousGetHandle();
        if (NativeMethods.sqlite3_column_type(handle, 0) == raw.SQLITE_INTEGER)
            return NativeMethods.sqlite3_column_int64(handle, 0);
        throw new EventDbException(raw.SQLITE_MISMATCH,
            $"'{_table}' in '{_db.Path}' cannot be read in id order: its {what} is not an integer ({SqliteReader.Value(statement, 0, textAsBytes: false) ?? "NULL"}).");
    }

    public void Dispose()
    {
        _chunk?.Dispose();
        _lastId?.Dispose();
        _keyFromEnd?.Dispose();
    }
}

/// <summary>The rows of <typeparamref name="T"/>, built by its generated reader from <c>id</c> and its read columns.</summary>
internal sealed class SqliteEventChunks<T>(SqliteDatabase db, Condition? where)
    : SqliteChunks<T>(db, T.Schema.Name, SqliteSql.ReadColumns(T.Schema), SqliteSql.From(T.Schema), SqliteSql.Key(T.Schema), where)
    where T : struct, IEventTable<T>
{
    /// <summary>The current row as a <typeparamref name="T"/>; a value it cannot take as stored is an error naming it.</summary>
    protected override T ReadRow(sqlite3_stmt statement)
    {
        nint handle = statement.DangerousGetHandle();
        var reader = new SqliteRowReader(handle, 1);
        try
        {
            return T.Read(ref reader);
        }
        catch (StoredValueException ex)
        {
            throw ValueError(handle, ex.Column, ex.Message, ex);
        }
        catch (FormatException ex)
        {
            // A text form that does not parse (ColumnText): the column just read.
            throw ValueError(handle, reader.Column - 1, "holds text the member cannot read: " + ex.Message, ex);
        }
    }

    private EventDbException ValueError(nint statement, int column, string problem, Exception inner)
    {
        var (table, read) = T.Schema.ReadColumns.ElementAt(column - 1);
        long id = NativeMethods.sqlite3_column_int64(statement, 0);
        return new EventDbException(
            $"Cannot read '{FilePath}': {table.Name}.{read.Name} of id {id} {problem.TrimEnd('.')}. EventDb reads a value as stored or not at all.", inner);
    }
}

/// <summary>The rows of any table: its own columns (<c>SELECT *</c>) as values, keyed by <c>id</c> when it has one, else by rowid.</summary>
internal sealed class SqliteTableChunks(SqliteDatabase db, string table, bool hasId, Condition? where)
    : SqliteChunks<object?[]>(db, table, Key(table, hasId) + ", *", SqliteSql.Quote(table), Key(table, hasId), where)
{
    protected override object?[] ReadRow(sqlite3_stmt statement)
    {
        var values = new object?[Columns.Count];
        for (int i = 0; i < values.Length; i++)
            values[i] = SqliteReader.Value(statement, i + 1, textAsBytes: false);
        return values;
    }

    private static string Key(string table, bool hasId) => hasId ? SqliteSql.Quote(table) + ".id" : "rowid";
}
