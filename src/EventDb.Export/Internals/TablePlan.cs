using System.Text;

namespace EventDb.Export.Internals;

/// <summary>The Parquet type a column is written as.</summary>
internal enum ParquetKind
{
    /// <summary>INT64 (signed): SQLite INTEGER.</summary>
    Int64,

    /// <summary>INT64 annotated unsigned (UINT64): an INTEGER column whose compiled type is <c>ulong</c>.</summary>
    UInt64,

    /// <summary>DOUBLE: SQLite REAL.</summary>
    Double,

    /// <summary>BYTE_ARRAY annotated STRING (UTF-8): SQLite TEXT.</summary>
    String,

    /// <summary>BYTE_ARRAY: SQLite BLOB.</summary>
    Binary,
}

/// <summary>One column of an exported table.</summary>
/// <param name="Name">The column name in the Parquet file.</param>
/// <param name="Kind">Its Parquet type.</param>
/// <param name="Nullable">OPTIONAL (true) or REQUIRED.</param>
/// <param name="SourceTable">The SQLite table it is read from (the table itself or its base table).</param>
/// <param name="DeclaredType">Its declared SQL type, for messages.</param>
internal sealed record ExportColumn(string Name, ParquetKind Kind, bool Nullable, string SourceTable, string DeclaredType);

/// <summary>How one SQLite table becomes one Parquet table: its columns, the SELECT that reads them, and its row count.</summary>
internal sealed record TablePlan(string Name, string? BaseTable, IReadOnlyList<ExportColumn> Columns, long Rows, bool HasId)
{
    /// <summary>
    /// The SELECT of the table's rows in id order: a child table's rows joined with their base rows, the child's <c>id</c>
    /// first, then the base table's other columns (its discriminator among them), then the child's own.
    /// </summary>
    public string SelectSql()
    {
        var sql = new StringBuilder("SELECT ");
        for (int i = 0; i < Columns.Count; i++)
        {
            var column = Columns[i];
            if (i > 0)
                sql.Append(", ");
            sql.Append(column.SourceTable == Name ? "c." : "b.").Append(Quote(column.Name));
        }
        sql.Append(" FROM ").Append(Quote(Name)).Append(" AS c");
        if (BaseTable is not null)
            sql.Append(" JOIN ").Append(Quote(BaseTable)).Append(" AS b ON b.\"id\" = c.\"id\"");
        if (HasId)
            sql.Append(" ORDER BY c.\"id\"");
        return sql.ToString();
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
