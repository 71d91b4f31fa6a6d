namespace EventDb;

/// <summary>
/// What an SQLite file holds: its own tables, their columns and largest ids. Asked by the writer's schema checks and
/// by the reader alike, so "the user's tables" means one thing everywhere.
/// </summary>
internal static class SqliteCatalog
{
    /// <summary>The file's own tables, by name, in order (not SQLite's <c>sqlite_</c> ones, not views).</summary>
    public static List<string> UserTables(SqliteDatabase db) => [.. db.QueryText(SqliteSql.UserTables).Select(row => row[0]!)];

    /// <summary>Whether the file has a table of exactly this name.</summary>
    public static bool HasTable(SqliteDatabase db, string table) => UserTables(db).Contains(table, StringComparer.Ordinal);

    /// <summary>
    /// The table's columns as <c>PRAGMA table_info</c> gives them (cid, name, type, notnull, dflt_value, pk), none
    /// when it does not exist.
    /// </summary>
    public static List<string?[]> TableInfo(SqliteDatabase db, string table) => db.QueryText($"PRAGMA table_info({SqliteSql.Quote(table)})");

    /// <summary>The table's column names, in table order (none when it does not exist).</summary>
    public static List<string> ColumnNames(SqliteDatabase db, string table) => [.. TableInfo(db, table).Select(row => row[1]!)];

    /// <summary>Whether <paramref name="columns"/> has an <c>id</c> (compared as SQLite compares names, ignoring case).</summary>
    public static bool HasId(IEnumerable<string> columns) => columns.Contains("id", StringComparer.OrdinalIgnoreCase);

    /// <summary>The largest id in any table of the file that has an <c>id</c> column, or 0 for a new file.</summary>
    public static long MaxId(SqliteDatabase db)
    {
        long max = 0;
        foreach (var table in UserTables(db))
        {
            if (HasId(ColumnNames(db, table)))
                max = Math.Max(max, db.QueryInt64($"SELECT max(id) FROM {SqliteSql.Quote(table)}"));
        }
        return max;
    }
}
