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

/// <summary>
/// How one SQLite table becomes one Parquet table: its columns and its row count.
/// </summary>
/// <param name="Name">The table.</param>
/// <param name="BaseTable">The base table its rows are joined with, or null.</param>
/// <param name="Columns">The exported columns, in order.</param>
/// <param name="Rows">How many rows the table has.</param>
/// <param name="HasId">It has an <c>id</c> column: rows are read in id order, and a row is named by its id.</param>
internal sealed record TablePlan(string Name, string? BaseTable, IReadOnlyList<ExportColumn> Columns, long Rows, bool HasId)
{
    /// <summary>
    /// Every exported column in one read, in id order, a child's rows joined with their base rows, without the id the
    /// export's own read adds: the rows a raw scan reads as the export's floor (the export benchmark).
    /// </summary>
    public ColumnRead WholeRead() =>
        new(Name, [.. Columns.Select(c => new TableColumn(c.SourceTable, c.Name))]) { JoinedBase = BaseTable, InIdOrder = HasId };

    /// <summary>
    /// The export's read: the row's id first (when the table has one, to name a row in an error), then every exported
    /// column, in id order, a child table's rows joined with their base rows. One walk of the table, as a scan does: the
    /// encoding of one table (or row group) overlaps the reading of the next.
    /// </summary>
    public ColumnRead Read()
    {
        var columns = new List<TableColumn>(Columns.Count + 1);
        if (HasId)
            columns.Add(new TableColumn(Name, "id"));
        columns.AddRange(Columns.Select(c => new TableColumn(c.SourceTable, c.Name)));
        return new ColumnRead(Name, columns) { JoinedBase = BaseTable, InIdOrder = HasId };
    }
}
