namespace EventDb;

/// <summary>What a columnar reader (the export) asks of a table: its declared columns, keys and storage classes, and its columns read without boxing.</summary>
internal sealed partial class SqliteReader
{
    public List<ColumnFacts> Columns(string table)
    {
        RequireTable(table);
        using var rows = Query(SqliteSql.ColumnFacts, [table]);
        return [.. rows.Select(r => new ColumnFacts((string)r[0]!, (string?)r[1] ?? "", (long)r[2]! != 0, (long)r[3]! != 0))];
    }

    public string? IdReferences(string table)
    {
        RequireTable(table);
        using var rows = Query(SqliteSql.IdReferences, [table]);
        return rows.Select(r => (string?)r[0]).FirstOrDefault();
    }

    public HashSet<SqlValueType> StorageClasses(string table, string column)
    {
        RequireTable(table);
        if (!SqliteCatalog.ColumnNames(_db, table).Contains(column, StringComparer.OrdinalIgnoreCase))
            throw new EventDbSchemaException($"'{_db.Path}': table '{table}' has no column '{column}'.");
        using var rows = Query(SqliteSql.StorageClasses(table, column), []);
        return [.. rows.Select(r => (string)r[0]! switch
        {
            "integer" => SqlValueType.Integer,
            "real" => SqlValueType.Real,
            "text" => SqlValueType.Text,
            "blob" => SqlValueType.Blob,
            _ => SqlValueType.Null,
        })];
    }

    public SqlCursor OpenColumns(ColumnRead read) =>
        OpenCursor(SqliteSql.Select(read), []);

    public void BeginSnapshot() => _db.Execute("BEGIN");

    public void EndSnapshot()
    {
        if (_db.InTransaction)
            _db.Execute("COMMIT");
    }

    private void RequireTable(string table)
    {
        if (!HasTable(table))
            throw new EventDbSchemaException($"'{_db.Path}' has no table '{table}'.");
    }
}
