using System.Globalization;
using SQLitePCL;

namespace EventDb;

/// <summary>
/// The SQLite storage's reader (<see cref="IEventReader"/>): a read-only connection to a file and every read made
/// through it — typed rows and any table's rows chunk by chunk (<see cref="SqliteChunks{TRow}"/>), counts, the file's
/// tables and facts, its data version for following a writer, and the user's own read-only SQL. Used by one thread at
/// a time.
/// </summary>
internal sealed partial class SqliteReader : IEventReader
{
    private static readonly string[] s_companions = ["-wal", "-shm", "-journal"];

    private readonly SqliteDatabase _db;
    private readonly HashSet<EventTableSchema> _checked = [];
    private readonly SqliteMainFile.FileIdentity? _opened;
    private readonly bool _openedWithHeader;

    private SqliteReader(SqliteDatabase db)
    {
        _db = db;
        _opened = SqliteMainFile.Find(db)?.Identity;
        _openedWithHeader = Length(db.Path) >= SqliteHeaderBytes;
    }

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
        RefuseSpecialFiles(path);
        var db = OpenReadOnly(path);
        // Readers in WAL mode rarely wait, but they do while a connection recovers or removes the WAL (a writer's close).
        raw.sqlite3_busy_timeout(db.Handle, (int)busyTimeout.TotalMilliseconds);
        // Reading this file only: ATTACH counts as read-only to SQLite (sqlite3_stmt_readonly), so Query would let it
        // through to open other files.
        raw.sqlite3_limit(db.Handle, raw.SQLITE_LIMIT_ATTACHED, 0);
        return new SqliteReader(db);
    }

    /// <summary>
    /// Refuses a path, or a file SQLite would open beside it, that names a named pipe, a device, a socket or a directory:
    /// SQLite would open it as it is, and wait forever in <c>open(2)</c> for a pipe's writer.
    /// </summary>
    private static void RefuseSpecialFiles(string path)
    {
        if (FileKind.NotARegularFile(path) is { } kind)
            throw new EventDbException($"Cannot read '{path}': it is {kind}, not a database file.");
        foreach (var suffix in s_companions)
        {
            if (FileKind.NotARegularFile(path + suffix) is { } companion)
                throw new EventDbException($"Cannot read '{path}': its '{path + suffix}' is {companion}, not a file SQLite can use.");
        }
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
        catch (EventDbException ex) when (ex.SqliteErrorCode is raw.SQLITE_CANTOPEN or raw.SQLITE_READONLY && !File.Exists(path + "-wal"))
        {
            db.Dispose();
            return SqliteDatabase.OpenImmutable(path);
        }
        catch (EventDbException ex) when (ex.SqliteErrorCode == raw.SQLITE_NOTADB)
        {
            db.Dispose();
            throw new EventDbException(ex.SqliteExtendedErrorCode, $"'{path}' is not an SQLite database.");
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    public List<string> TableNames() => SqliteCatalog.UserTables(_db);

    public bool HasTable(string table) => SqliteCatalog.HasTable(_db, table);

    public void CheckReadable(EventTableSchema table)
    {
        if (_checked.Contains(table))
            return;
        var missing = new List<string>();
        foreach (var needed in table.Base is { } baseTable ? [baseTable, table] : new[] { table })
        {
            var present = SqliteCatalog.ColumnNames(_db, needed.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
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

    public long Count(EventTableSchema table, RowSelection selection)
    {
        var parameters = new List<object?>();
        var select = SqliteSql.Select(table, SqliteWhere.Clause(SqliteSql.Key(table), selection, parameters)) + SqliteWhere.Limit(selection);
        using var statement = _db.Prepare("SELECT count(*) FROM (" + select + ")");
        for (int i = 0; i < parameters.Count; i++)
            _db.Bind(statement, i + 1, parameters[i]);
        int rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_ROW)
            SqliteErrors.Throw(rc, _db.Handle, $"Counting '{table.Name}' in '{_db.Path}' failed");
        long count = raw.sqlite3_column_int64(statement, 0);
        return selection.Last is { } last ? Math.Min(count, Math.Max(0, last)) : count;
    }

    public IRowChunks<T> Rows<T>(Condition? where) where T : struct, IEventTable<T> => new SqliteEventChunks<T>(_db, where);

    public IRowChunks<object?[]> TableRows(string table, Condition? where)
    {
        if (!HasTable(table))
            throw new EventDbSchemaException($"'{_db.Path}' has no table '{table}'.");
        return new SqliteTableChunks(_db, table, SqliteCatalog.HasId(SqliteCatalog.ColumnNames(_db, table)), where);
    }

    /// <summary>Every table of the file (not SQLite's own), with counts and id ranges.</summary>
    public List<TableFacts> Tables()
    {
        var facts = new List<TableFacts>();
        foreach (var name in TableNames())
        {
            var columns = SqliteCatalog.ColumnNames(_db, name);
            var quoted = SqliteSql.Quote(name);
            // Three SELECTs, so each is one SQLite optimizes: count(*) alone counts the b-tree's cells without reading a
            // record, min(id) and max(id) alone seek to an end of the rowid; together they were a scan of every row.
            var counts = _db.QueryText(SqliteCatalog.HasId(columns)
                ? $"SELECT (SELECT count(*) FROM {quoted}), (SELECT min(id) FROM {quoted}), (SELECT max(id) FROM {quoted})"
                : $"SELECT count(*), NULL, NULL FROM {quoted}")[0];
            facts.Add(new TableFacts(name, long.Parse(counts[0]!, CultureInfo.InvariantCulture),
                counts[1] is { } min ? long.Parse(min, CultureInfo.InvariantCulture) : null,
                counts[2] is { } max ? long.Parse(max, CultureInfo.InvariantCulture) : null,
                columns));
        }
        return facts;
    }

    /// <summary>The SQL that created each table, index, view and trigger of the file, in the order SQLite keeps them.</summary>
    public List<string> SchemaSql() =>
        [.. _db.QueryText("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").Select(r => r[0]!)];

    public string JournalMode => Pragma("journal_mode") ?? "";

    public long PageSize => long.Parse(Pragma("page_size") ?? "0", CultureInfo.InvariantCulture);

    private string? Pragma(string name) => _db.QueryText($"PRAGMA {name}") is [[var value, ..], ..] ? value : null;

    /// <summary>
    /// Runs a read-only query; rows are read one at a time as the caller enumerates them. One statement only, and only one
    /// that SQLite says cannot write (<c>sqlite3_stmt_readonly</c>): the read-only connection alone still lets
    /// <c>VACUUM INTO</c> create a file, and a second statement after the first would be silently ignored.
    /// </summary>
    public SqlRows Query(string sql, IReadOnlyList<object?> parameters)
    {
        var statement = PrepareQuery(sql, parameters);
        int count = raw.sqlite3_column_count(statement);
        var columns = Enumerable.Range(0, count).Select(i => raw.sqlite3_column_name(statement, i).utf8_to_string()).ToList();
        return new SqlRows(columns, textAsBytes => Values(statement, count, sql, textAsBytes), statement);
    }

    /// <summary>Like <see cref="Query"/>, the rows read column by column without boxing.</summary>
    public SqlCursor OpenCursor(string sql, IReadOnlyList<object?> parameters) => new(_db, PrepareQuery(sql, parameters), sql);

    /// <summary>One statement that cannot write, prepared with its parameters bound.</summary>
    private sqlite3_stmt PrepareQuery(string sql, IReadOnlyList<object?> parameters)
    {
        var statement = PrepareOne(sql);
        if (raw.sqlite3_stmt_readonly(statement) == 0)
        {
            statement.Dispose();
            throw new EventDbException(raw.SQLITE_READONLY, $"'{sql}' on '{_db.Path}' was not run: the file is open readonly and the statement would write.");
        }
        return Bound(statement, parameters);
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
                    row[i] = Value(statement, i, textAsBytes);
                yield return row;
            }
            if (rc != raw.SQLITE_DONE)
                SqliteErrors.Throw(rc, _db.Handle, $"'{sql}' on '{_db.Path}' failed");
        }
    }

    /// <summary>A column of the current row as <see cref="long"/>, <see cref="double"/>, <see cref="string"/> (or its bytes), <see cref="byte"/>[] or null.</summary>
    public static object? Value(sqlite3_stmt statement, int column, bool textAsBytes) =>
        raw.sqlite3_column_type(statement, column) switch
        {
            raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, column),
            raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, column),
            raw.SQLITE_TEXT when textAsBytes => TextBytes(statement, column),
            raw.SQLITE_TEXT => raw.sqlite3_column_text(statement, column).utf8_to_string(),
            raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, column).ToArray(),
            _ => null,
        };

    // sqlite3_column_text first, so the value is UTF-8 (in a UTF-16 file too); then its bytes as stored, unchecked.
    private static byte[] TextBytes(sqlite3_stmt statement, int column)
    {
        _ = raw.sqlite3_column_text(statement, column);
        return raw.sqlite3_column_blob(statement, column).ToArray();
    }

    /// <summary>The process holding EventDb's writer lock on the file, or null when no logger writes it (Linux).</summary>
    public int? WriterProcessId() =>
        SqliteMainFile.Find(_db)?.FindWriter() is { IsWriter: true, ProcessId: int pid } ? pid : null;

    /// <summary>Changes whenever another connection commits to the file (<c>PRAGMA data_version</c>).</summary>
    public long DataVersion() => _db.QueryInt64("PRAGMA data_version");

    public bool IsFileOrCompanion(string path) => SqliteCompanionFiles.IsFileOrCompanion(Path, path);

    /// <summary>
    /// Why the path no longer leads to the file this connection reads — renamed or deleted, another file in its place —
    /// or null while it does (and where that cannot be known: not Linux).
    /// </summary>
    public string? Replaced()
    {
        if (_opened is not { } opened)
            return null;
        return SqliteMainFile.FileIdentity.OfPath(Path) is not { } now ? "was deleted or renamed away"
            : now != opened ? "names another file now (the one being read was renamed or deleted and another put in its place; open that one to read it from its start)"
            : _openedWithHeader && Length(Path) is var length and < SqliteHeaderBytes ? $"was truncated to {length} bytes"
            : null;
    }

    // Every SQLite file that holds anything starts with this header: a file cut below it was emptied, not written.
    private const long SqliteHeaderBytes = 100;

    private static long Length(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
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

    public void Dispose() => _db.Dispose();
}
