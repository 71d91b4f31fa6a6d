namespace EventDb;

/// <summary>A column named with the table it is read from: the table read itself, or the base table it is joined with.</summary>
/// <param name="Table">The table.</param>
/// <param name="Name">The column.</param>
public readonly record struct TableColumn(string Table, string Name);

/// <summary>
/// A columnar read of one table (<see cref="EventFile.OpenColumns"/>): the columns to read, each from the table or from
/// the base table its rows are joined with by <c>id</c>.
/// </summary>
/// <param name="Table">The table whose rows are read.</param>
/// <param name="Columns">The columns, in the order the cursor gives them.</param>
public sealed record ColumnRead(string Table, IReadOnlyList<TableColumn> Columns)
{
    /// <summary>
    /// The base table each row is joined with (<c>base.id = table.id</c>; a row without its base row is left out), or
    /// null to read the table alone.
    /// </summary>
    public string? JoinedBase { get; init; }

    /// <summary>Rows in order of the table's <c>id</c> column (else in the order SQLite finds them).</summary>
    public bool InIdOrder { get; init; }
}
