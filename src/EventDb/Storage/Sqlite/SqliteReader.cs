using SQLitePCL;

namespace EventDb;

/// <summary>
/// A read-only connection to an EventDb file and the typed reads made through it: rows streamed one at a time in id
/// order, counts, and the file's data version for following a writer. Used by one thread at a time.
/// </summary>
internal sealed partial class SqliteReader : IDisposable
{
    private readonly SqliteDatabase _db;
    private readonly HashSet<EventTableSchema> _checked = [];

    private SqliteReader(SqliteDatabase db) => _db = db;

    public string Path => _db.Path;

    /// <summary>
    /// Opens <paramref name="path"/> for reading, changing nothing. A WAL-mode file whose directory cannot be written
    /// (read-only media) and that has no WAL left is opened immutable; one that still has a WAL but no shared-memory
    /// file there is an error, since reading it without its WAL would miss committed rows.
    /// </summary>
    public static SqliteReader Open(string path, TimeSpan busyTimeout)
    {
        if (!File.Exists(path))
            throw new EventDbException($"Cannot read '{path}': there is no such file.");
        var db = OpenReadOnly(path);
        // Readers in WAL mode rarely wait, but they do while a connection recovers or removes the WAL (a writer's close).
        raw.sqlite3_busy_timeout(db.Handle, (int)busyTimeout.TotalMilliseconds);
        // Reading this file only: ATTACH counts as read-only to SQLite (sqlite3_stmt_readonly), so Query would let it
        // through to open other files.
        raw.sqlite3_limit(db.Handle, raw.SQLITE_LIMIT_ATTACHED, 0);
        return new SqliteReader(db);
    }

    private static SqliteDatabase OpenReadOnly(string path)
    {
        var db = SqliteDatabase.Open(path, readOnly: true);
        try
        {
            // The first read of the header: a file that is not a database, or a WAL file SQLite cannot open here, fails now.
            _ = db.QueryInt64("SELECT count(*) FROM sqlite_schema");
            return db;
        }
        catch (EventDbException ex) when ((ex.SqliteErrorCode & 0xFF) is raw.SQLITE_CANTOPEN or raw.SQLITE_READONLY && !File.Exists(path + "-wal"))
        {
            db.Dispose();
            return SqliteDatabase.OpenImmutable(path);
        }
        catch (EventDbException ex) when ((ex.SqliteErrorCode & 0xFF) == raw.SQLITE_NOTADB)
        {
            db.Dispose();
            throw new EventDbException(ex.SqliteErrorCode, $"'{path}' is not an SQLite database.");
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    public bool TableExists(EventTableSchema table) => SchemaManager.TableExists(_db, table.Name);

    /// <summary>
    /// Throws <see cref="EventDbSchemaException"/> naming what the file lacks for reading <paramref name="table"/>'s
    /// events (tables, columns); extra tables and columns are fine.
    /// </summary>
    public void CheckReadable(EventTableSchema table)
    {
        if (_checked.Contains(table))
            return;
        var missing = new List<string>();
        foreach (var needed in table.Base is { } baseTable ? [baseTable, table] : new[] { table })
        {
            var present = SchemaManager.ColumnNames(_db, needed.Name);
            if (present.Count == 0)
            {
                missing.Add($"table '{needed.Name}'");
                continue;
            }
            foreach (var (owner, column) in table.ReadColumns)
            {
                if (owner == needed && !present.Contains(column.Name))
                    missing.Add($"column '{needed.Name}.{column.Name}'");
            }
        }
        if (missing.Count > 0)
            throw new EventDbSchemaException($"'{_db.Path}' has no {string.Join(", no ", missing)}, which reading '{table.Name}' needs.");
        _checked.Add(table);
    }

    /// <summary>The rows of <typeparamref name="T"/> that <paramref name="query"/> selects, in id order, one at a time.</summary>
    public IEnumerable<(long Id, T Row)> Read<T>(EventQuery query) where T : struct, IEventTable<T>
    {
        var schema = T.Schema;
        var parameters = new List<object?>();
        var sql = SqliteSql.Select(schema, SqliteWhere.Clause(schema, query, parameters)) + SqliteWhere.Limit(query);
        using var statement = Prepare(sql, parameters);
        nint handle = statement.DangerousGetHandle();
        int rc;
        while ((rc = NativeMethods.sqlite3_step(handle)) == raw.SQLITE_ROW)
        {
            var reader = new SqliteRowReader(handle, 1);
            yield return (NativeMethods.sqlite3_column_int64(handle, 0), T.Read(ref reader));
        }
        if (rc != raw.SQLITE_DONE)
            SqliteErrors.Throw(rc, _db.Handle, $"Reading '{schema.Name}' from '{_db.Path}' failed");
    }

    /// <summary>How many rows of <paramref name="table"/>'s events <paramref name="query"/> selects, counted by SQLite.</summary>
    public long Count(EventTableSchema table, EventQuery query)
    {
        var parameters = new List<object?>();
        var select = SqliteSql.Select(table, SqliteWhere.Clause(table, query, parameters)) + SqliteWhere.Limit(query);
        using var statement = Prepare("SELECT count(*) FROM (" + select + ")", parameters);
        int rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_ROW)
            SqliteErrors.Throw(rc, _db.Handle, $"Counting '{table.Name}' in '{_db.Path}' failed");
        return raw.sqlite3_column_int64(statement, 0);
    }

    /// <summary>Every table of the file (not SQLite's own), with counts and id ranges.</summary>
    public List<TableFacts> Tables()
    {
        var facts = new List<TableFacts>();
        foreach (var row in _db.QueryText("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"))
        {
            var name = row[0]!;
            // Any name a file holds ("my table", "<b>"), not only EventDb's own: quoted always.
            var columns = _db.QueryText($"PRAGMA table_info({SqliteSql.QuoteAny(name)})").Select(c => c[1]!).ToList();
            var quoted = SqliteSql.QuoteAny(name);
            bool hasId = columns.Contains("id", StringComparer.OrdinalIgnoreCase);
            var counts = _db.QueryText(hasId ? $"SELECT count(*), min(id), max(id) FROM {quoted}" : $"SELECT count(*), NULL, NULL FROM {quoted}")[0];
            facts.Add(new TableFacts(name, long.Parse(counts[0]!, System.Globalization.CultureInfo.InvariantCulture),
                counts[1] is { } min ? long.Parse(min, System.Globalization.CultureInfo.InvariantCulture) : null,
                counts[2] is { } max ? long.Parse(max, System.Globalization.CultureInfo.InvariantCulture) : null,
                columns));
        }
        return facts;
    }

    /// <summary>The SQL that created each table, index, view and trigger of the file, in the order SQLite keeps them.</summary>
    public List<string> SchemaSql() =>
        [.. _db.QueryText("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").Select(r => r[0]!)];

    /// <summary>A pragma's value as text (<c>journal_mode</c>, <c>page_size</c>, ...).</summary>
    public string? Pragma(string name) => _db.QueryText($"PRAGMA {name}") is [[var value, ..], ..] ? value : null;

    /// <summary>
    /// Runs a read-only query; rows are read one at a time as the caller enumerates them. One statement only, and only one
    /// that SQLite says cannot write (<c>sqlite3_stmt_readonly</c>): the read-only connection alone still lets
    /// <c>VACUUM INTO</c> create a file, and a second statement after the first would be silently ignored.
    /// </summary>
    public SqlRows Query(string sql, IReadOnlyList<object?> parameters)
    {
        var statement = PrepareOne(sql);
        if (raw.sqlite3_stmt_readonly(statement) == 0)
        {
            statement.Dispose();
            throw new EventDbException(raw.SQLITE_READONLY, $"'{sql}' on '{_db.Path}' was not run: the file is open readonly and the statement would write.");
        }
        BindAll(statement, [.. parameters]);
        int count = raw.sqlite3_column_count(statement);
        var columns = Enumerable.Range(0, count).Select(i => raw.sqlite3_column_name(statement, i).utf8_to_string()).ToList();
        return new SqlRows(columns, rows => Values(statement, count, sql, rows.TextAsUtf8Bytes));
    }

    private IEnumerable<object?[]> Values(sqlite3_stmt statement, int count, string sql, bool textAsBytes)
    {
        using (statement)
        {
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var row = new object?[count];
                for (int i = 0; i < count; i++)
                {
                    row[i] = raw.sqlite3_column_type(statement, i) switch
                    {
                        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, i),
                        raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, i),
                        raw.SQLITE_TEXT when textAsBytes => TextBytes(statement, i),
                        raw.SQLITE_TEXT => raw.sqlite3_column_text(statement, i).utf8_to_string(),
                        raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, i).ToArray(),
                        _ => null,
                    };
                }
                yield return row;
            }
            if (rc != raw.SQLITE_DONE)
                SqliteErrors.Throw(rc, _db.Handle, $"'{sql}' on '{_db.Path}' failed");
        }
    }

    // sqlite3_column_text first, so the value is UTF-8 (in a UTF-16 file too); then its bytes as stored, unchecked.
    private static byte[] TextBytes(sqlite3_stmt statement, int column)
    {
        _ = raw.sqlite3_column_text(statement, column);
        return raw.sqlite3_column_blob(statement, column).ToArray();
    }

    /// <summary>The process holding EventDb's writer lock on the file, or null when no logger writes it (Linux).</summary>
    public int? WriterProcessId() =>
        SqliteMainFile.Find(_db) is { } file ? SqliteMainFile.FindWriterLockHolder(file.Identity) : null;

    /// <summary>The largest id of <paramref name="table"/>'s rows, or 0.</summary>
    public long MaxId(EventTableSchema table) => _db.QueryInt64($"SELECT max(id) FROM {SqliteSql.Quote(table.Name)}");

    /// <summary>Changes whenever another connection commits to the file (<c>PRAGMA data_version</c>).</summary>
    public long DataVersion() => _db.QueryInt64("PRAGMA data_version");

    private sqlite3_stmt Prepare(string sql, List<object?> parameters) => BindAll(_db.Prepare(sql), parameters);

    private sqlite3_stmt BindAll(sqlite3_stmt statement, List<object?> parameters)
    {
        try
        {
            for (int i = 0; i < parameters.Count; i++)
                Bind(statement, i + 1, parameters[i]);
            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    /// <summary>Prepares <paramref name="sql"/>, which must hold one statement (comments and a final <c>;</c> aside).</summary>
    private sqlite3_stmt PrepareOne(string sql)
    {
        int rc = raw.sqlite3_prepare_v3(_db.Handle, sql, 0u, out var statement, out var rest);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteErrors.Throw(rc, _db.Handle, $"Preparing '{sql}' on '{_db.Path}' failed");
        }
        if (string.IsNullOrWhiteSpace(rest))
            return statement;
        // Only whitespace and comments may follow: preparing them gives no statement.
        rc = raw.sqlite3_prepare_v3(_db.Handle, rest, 0u, out var next, out _);
        bool more = rc != raw.SQLITE_OK || (next is not null && !next.IsInvalid);
        next?.Dispose();
        if (!more)
            return statement;
        statement.Dispose();
        throw new EventDbException(raw.SQLITE_ERROR, $"'{sql}' on '{_db.Path}' was not run: it holds more than one statement; run one at a time.");
    }

    private void Bind(sqlite3_stmt statement, int index, object? value)
    {
        int rc = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            double d => raw.sqlite3_bind_double(statement, index, d),
            string s => raw.sqlite3_bind_text(statement, index, s),
            byte[] b => raw.sqlite3_bind_blob(statement, index, b),
            _ => throw new ArgumentException($"Query parameter {index} cannot be bound: use long, int, double, string, byte[] or null."),
        };
        if (rc != raw.SQLITE_OK)
            SqliteErrors.Throw(rc, _db.Handle, $"Binding query parameter {index} failed");
    }

    public void Dispose() => _db.Dispose();
}
