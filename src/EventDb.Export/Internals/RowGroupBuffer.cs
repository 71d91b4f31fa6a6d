namespace EventDb.Export.Internals;

/// <summary>
/// The rows of one Parquet row group being filled, column by column, and the id of each row. A pass of the reader fills
/// a range of its columns for every row; each of those columns is then encoded on its own while the next range is read.
/// A value a column cannot hold stops the fill with the reason: the exporter then fails the run (an export is faithful
/// or it does not happen).
/// </summary>
internal sealed class RowGroupBuffer : IDisposable
{
    private readonly ColumnBuffer[] _columns;
    private readonly long[] _ids;

    public RowGroupBuffer(IReadOnlyList<ExportColumn> columns, int capacity)
    {
        _columns = [.. columns.Select(c => new ColumnBuffer(c, capacity))];
        _ids = new long[capacity];
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>The rows the first pass has read.</summary>
    public int Rows { get; private set; }

    public bool IsFull => Rows == Capacity;

    /// <summary>The id of row <paramref name="row"/>, read by the first pass.</summary>
    public long Id(int row) => _ids[row];

    /// <summary>
    /// Adds the cursor's current row to columns <paramref name="columns"/>, the first of them from the cursor's column
    /// <paramref name="index"/>.
    /// </summary>
    /// <returns>Null when every value fits, else the first that does not and why.</returns>
    public string? Fill(SqlCursor cursor, ColumnRange columns, int index)
    {
        for (int i = columns.Start; i < columns.End; i++, index++)
        {
            if (_columns[i].Add(cursor, index) is { } problem)
                return problem;
        }
        return null;
    }

    /// <summary>Counts the row the first pass has filled, with its id.</summary>
    public void AddRow(long id) => _ids[Rows++] = id;

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
