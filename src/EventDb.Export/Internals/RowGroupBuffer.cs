namespace EventDb.Export.Internals;

/// <summary>
/// The rows of one Parquet row group being filled, row by row; once full, each column is encoded on its own while the
/// next row group is read into the other buffer. A value a column cannot hold stops the fill with the reason: the
/// exporter then fails the run (an export is faithful or it does not happen).
/// </summary>
internal sealed class RowGroupBuffer : IDisposable
{
    private readonly ColumnBuffer[] _columns;

    public RowGroupBuffer(IReadOnlyList<ExportColumn> columns, int capacity)
    {
        _columns = [.. columns.Select(c => new ColumnBuffer(c, capacity))];
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>The rows read.</summary>
    public int Rows { get; private set; }

    public bool IsFull => Rows == Capacity;

    /// <summary>Adds the cursor's current row, the first column's value from the cursor's column <paramref name="index"/>.</summary>
    /// <returns>Null when every value fits, else the first that does not and why.</returns>
    public string? Fill(SqlCursor cursor, int index)
    {
        for (int i = 0; i < _columns.Length; i++, index++)
        {
            if (_columns[i].Add(cursor, index) is { } problem)
                return problem;
        }
        return null;
    }

    /// <summary>Counts the row filled.</summary>
    public void AddRow() => Rows++;

    public ColumnBuffer Column(int index) => _columns[index];

    public void Clear()
    {
        foreach (var column in _columns)
            column.Clear();
        Rows = 0;
    }

    /// <summary>Returns the columns' arrays to their pools; only once no encoding of them is running.</summary>
    public void Dispose()
    {
        foreach (var column in _columns)
            column.Dispose();
    }
}
