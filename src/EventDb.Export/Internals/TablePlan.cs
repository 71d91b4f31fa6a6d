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

/// <summary>Columns <see cref="Start"/> to <see cref="End"/> (exclusive) of a table, read by one pass (one <see cref="ColumnRead"/>).</summary>
internal readonly record struct ColumnRange(int Start, int End);

/// <summary>
/// How one SQLite table becomes one Parquet table: its columns, the reads of each pass, and its row count.
/// </summary>
/// <param name="Name">The table.</param>
/// <param name="BaseTable">The base table its rows are joined with, or null.</param>
/// <param name="Columns">The exported columns, in order.</param>
/// <param name="Rows">How many rows the table has.</param>
/// <param name="HasId">It has an <c>id</c> column: rows are read in id order, and a row is named by its id.</param>
/// <param name="Passes">
/// The columns each read of a row group takes, in order: one range for all of them, or several when <c>id</c> is the
/// rowid and the table is large, so the columns of one range are encoded while the next range is read.
/// </param>
internal sealed record TablePlan(string Name, string? BaseTable, IReadOnlyList<ExportColumn> Columns, long Rows, bool HasId,
    IReadOnlyList<ColumnRange> Passes)
{
    /// <summary>
    /// Every exported column in one read, in id order, a child's rows joined with their base rows, without the key the
    /// passes add: the rows a raw scan reads as the export's floor (the export benchmark).
    /// </summary>
    public ColumnRead WholeRead() =>
        new(Name, [.. Columns.Select(c => new TableColumn(c.SourceTable, c.Name))]) { JoinedBase = BaseTable, InIdOrder = HasId };

    /// <summary>
    /// The read of pass <paramref name="pass"/>: the row's id first (when the table has one), then the pass's columns;
    /// a child table's rows joined with their base rows. The first pass reads every row in id order; the others read the
    /// ids of one row group (after <paramref name="after"/>, the last of the group before, up to <paramref name="last"/>),
    /// from the child table alone when they need no base column (a child row without its base row then shows as an id
    /// the first pass lacks).
    /// </summary>
    public ColumnRead PassRead(int pass, long after = 0, long last = 0)
    {
        var range = Passes[pass];
        bool join = BaseTable is not null && (pass == 0 || Columns.Take(range.End).Skip(range.Start).Any(c => c.SourceTable != Name));
        var columns = new List<TableColumn>(range.End - range.Start + 1);
        if (HasId)
            columns.Add(new TableColumn(Name, "id"));
        for (int i = range.Start; i < range.End; i++)
            columns.Add(new TableColumn(Columns[i].SourceTable, Columns[i].Name));
        return new ColumnRead(Name, columns)
        {
            JoinedBase = join ? BaseTable : null,
            InIdOrder = HasId,
            AfterId = pass > 0 ? after : null,
            ThroughId = pass > 0 ? last : null,
        };
    }
}
