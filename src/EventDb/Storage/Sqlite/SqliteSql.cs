using System.Buffers;
using System.Text;
using EventDb.Metadata;

namespace EventDb;

/// <summary>
/// The SQL text of the SQLite storage, derived from <see cref="EventTableSchema"/>: DDL laid out exactly as SQLAlchemy's
/// SQLite dialect writes it (so the stored DDL is Penguin's, byte for byte), the multi-row INSERTs and the SELECTs.
/// </summary>
internal static class SqliteSql
{
    // SQLite's keywords (sqlite.org/lang_keywords.html) plus the extra words SQLAlchemy's SQLite dialect quotes.
    private static readonly HashSet<string> s_keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "abort", "action", "add", "after", "all", "alter", "always", "analyze", "and", "as", "asc", "attach",
        "autoincrement", "before", "begin", "between", "by", "cascade", "case", "cast", "check", "collate", "column",
        "commit", "conflict", "constraint", "create", "cross", "current", "current_date", "current_time",
        "current_timestamp", "database", "default", "deferrable", "deferred", "delete", "desc", "detach", "distinct",
        "do", "drop", "each", "else", "end", "escape", "except", "exclude", "exclusive", "exists", "explain", "fail",
        "false", "filter", "first", "following", "for", "foreign", "from", "full", "generated", "glob", "group",
        "groups", "having", "if", "ignore", "immediate", "in", "index", "indexed", "initially", "inner", "insert",
        "instead", "intersect", "into", "is", "isnull", "join", "key", "last", "left", "like", "limit", "match",
        "materialized", "natural", "no", "not", "nothing", "notnull", "null", "nulls", "of", "offset", "on", "or",
        "order", "others", "outer", "over", "partition", "plan", "pragma", "preceding", "primary", "query", "raise",
        "range", "recursive", "references", "regexp", "reindex", "release", "rename", "replace", "restrict",
        "returning", "right", "rollback", "row", "rows", "savepoint", "select", "set", "table", "temp", "temporary",
        "then", "ties", "to", "transaction", "trigger", "true", "unbounded", "union", "unique", "update", "using",
        "vacuum", "values", "view", "virtual", "when", "where", "window", "with", "without",
    };

    // What SQLAlchemy leaves unquoted (its legal_characters, lower case only).
    private static readonly SearchValues<char> s_bare = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_$");

    /// <summary>
    /// The one identifier quoter: bare as SQLAlchemy leaves a name (lower-case letters, digits, <c>_</c> and <c>$</c>, not
    /// first a digit or <c>$</c>, not a keyword), else in double quotes with inner ones doubled. DDL so comes out as
    /// SQLAlchemy's, and any name a file holds (spaces, quotes, upper case) is read back safely.
    /// </summary>
    public static string Quote(string identifier) =>
        NeedsQuotes(identifier) ? "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : identifier;

    private static bool NeedsQuotes(string identifier) =>
        identifier.Length == 0 || char.IsAsciiDigit(identifier[0]) || identifier[0] == '$' || s_keywords.Contains(identifier)
        || identifier.AsSpan().ContainsAnyExcept(s_bare);

    /// <summary>The file's own tables, by name (not SQLite's <c>sqlite_</c> ones, not views).</summary>
    public const string UserTables =
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";

    /// <summary>A table's columns (name, declared type, notnull, pk) in table order; the table name is the parameter.</summary>
    public const string ColumnFacts = "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid";


    /// <summary>The table a table's <c>id</c> is a foreign key to (to its <c>id</c> or its primary key); the table name is the parameter.</summary>
    public const string IdReferences =
        "SELECT \"table\" FROM pragma_foreign_key_list(?) WHERE \"from\" = 'id' AND (\"to\" = 'id' OR \"to\" IS NULL)";

    /// <summary>The storage classes (<c>typeof</c>) the values of a column have.</summary>
    public static string StorageClasses(string table, string column) => "SELECT DISTINCT typeof(" + Quote(column) + ") FROM " + Quote(table);

    /// <summary>
    /// The SELECT of a <see cref="ColumnRead"/>: the table as <c>c</c>, its joined base as <c>b</c>, the range's bounds
    /// as parameters 1 and 2.
    /// </summary>
    public static string Select(ColumnRead read)
    {
        var sql = new StringBuilder("SELECT ");
        for (int i = 0; i < read.Columns.Count; i++)
        {
            var column = read.Columns[i];
            if (i > 0)
                sql.Append(", ");
            sql.Append(column.Table == read.Table ? "c." : "b.").Append(Quote(column.Name));
        }
        sql.Append(" FROM ").Append(Quote(read.Table)).Append(" AS c");
        if (read.JoinedBase is { } joined)
            sql.Append(" JOIN ").Append(Quote(joined)).Append(" AS b ON b.id = c.id");
        if (read.InIdOrder)
            sql.Append(" ORDER BY c.id");
        return sql.ToString();
    }

    /// <summary>The type a column is declared with, as SQLAlchemy declares it.</summary>
    public static string DeclaredType(ColumnType type) => type switch
    {
        ColumnType.Integer => "INTEGER",
        ColumnType.Real => "REAL",
        ColumnType.Text => "VARCHAR",
        ColumnType.Blob => "BLOB",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
    };

    public static string ColumnDefinition(EventColumn column) =>
        Quote(column.Name) + " " + DeclaredType(column.Type) + (column.Nullable ? "" : " NOT NULL");

    /// <summary>The <c>CREATE TABLE IF NOT EXISTS</c> statement, line for line as SQLAlchemy emits it.</summary>
    public static string CreateTable(EventTableSchema table)
    {
        var body = new List<string> { "\tid INTEGER NOT NULL" };
        body.AddRange(table.Columns.Select(c => "\t" + ColumnDefinition(c)));
        body.Add("\tPRIMARY KEY (id)");
        if (table.Base is { } baseTable)
            body.Add("\tFOREIGN KEY(id) REFERENCES " + Quote(baseTable.Name) + " (id)");
        return "CREATE TABLE IF NOT EXISTS " + Quote(table.Name) + " (\n" + string.Join(", \n", body) + "\n)";
    }

    /// <summary>
    /// An INSERT of <paramref name="rows"/> rows, <c>id</c> first in each. <c>OR FAIL</c>: on a constraint error SQLite
    /// keeps the rows the statement already inserted instead of undoing them, so it needs no statement journal (under
    /// the default ABORT a multi-row INSERT copies every page it touches into one first: 264 bytes of temp-file writes
    /// per event). Any failure rolls back the whole batch anyway.
    /// </summary>
    public static string Insert(EventTableSchema table, int rows)
    {
        var tuple = "(" + string.Join(", ", Enumerable.Repeat("?", table.Columns.Count + 1)) + ")";
        var sql = new StringBuilder("INSERT OR FAIL INTO ").Append(Quote(table.Name)).Append(" (id");
        foreach (var column in table.Columns)
            sql.Append(", ").Append(Quote(column.Name));
        sql.Append(") VALUES ").Append(tuple);
        for (int i = 1; i < rows; i++)
            sql.Append(", ").Append(tuple);
        return sql.ToString();
    }

    /// <summary>
    /// The rows of <paramref name="table"/>'s events in id order, <c>id</c> first, then <see cref="EventTableSchema.ReadColumns"/>;
    /// <paramref name="where"/> (with a leading space) narrows them.
    /// </summary>
    public static string Select(EventTableSchema table, string where = "") =>
        "SELECT " + ReadColumns(table) + " FROM " + From(table) + where + " ORDER BY " + Key(table);

    /// <summary><c>id</c>, then <see cref="EventTableSchema.ReadColumns"/>, each named with its table.</summary>
    public static string ReadColumns(EventTableSchema table) =>
        string.Join(", ", table.ReadColumns.Select(c => Quote(c.Table.Name) + "." + Quote(c.Column.Name)).Prepend(Key(table)));

    /// <summary>The table of <paramref name="table"/>'s events, joined with its base table.</summary>
    public static string From(EventTableSchema table)
    {
        var name = Quote(table.Name);
        return table.Base is { } b ? name + " JOIN " + Quote(b.Name) + " ON " + Quote(b.Name) + ".id = " + name + ".id" : name;
    }

    /// <summary>The id of <paramref name="table"/>'s events, which reads are ordered by.</summary>
    public static string Key(EventTableSchema table) => Quote(table.Name) + ".id";

    /// <summary>
    /// One chunk of a read in id order: <paramref name="columns"/> of the rows whose <paramref name="key"/> is above the
    /// first parameter and at most the second, for which <paramref name="condition"/> (its parameters next) holds, at
    /// most the last parameter of them.
    /// </summary>
    public static string Chunk(string columns, string from, string key, string condition) =>
        "SELECT " + columns + " FROM " + from + " WHERE " + Range(key, condition) + " ORDER BY " + key + " LIMIT ?";

    /// <summary>The key of the row <c>OFFSET</c> (the last parameter) rows before the last one of <see cref="Chunk"/>'s range.</summary>
    public static string KeyFromEnd(string from, string key, string condition) =>
        "SELECT " + key + " FROM " + from + " WHERE " + Range(key, condition) + " ORDER BY " + key + " DESC LIMIT 1 OFFSET ?";

    private static string Range(string key, string condition) =>
        key + " > ? AND " + key + " <= ?" + (condition.Length == 0 ? "" : " AND " + condition);
}
