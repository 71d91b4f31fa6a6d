using Parquet;
using Parquet.Schema;

namespace EventDb.Export.Internals;

/// <summary>
/// The rows of one Parquet row group being filled, column by column, and the id of each row. A pass of the reader fills
/// a range of its columns for every row; the writer then encodes that range while the next is read.
/// A value a column cannot hold stops the fill with the reason: the exporter then fails the run (an export is faithful
/// or it does not happen).
/// </summary>
internal sealed class RowGroupBuffer
{
    private readonly ColumnBuffer[] _columns;
    private readonly long[] _ids;

    public RowGroupBuffer(IReadOnlyList<ExportColumn> columns, IReadOnlyList<DataField> fields, int capacity)
    {
        _columns = [.. columns.Select((c, i) => new ColumnBuffer(c, fields[i], capacity))];
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

    /// <summary>Makes columns <paramref name="columns"/> ready to write (see <see cref="ColumnBuffer.Prepare"/>).</summary>
    public void Prepare(ColumnRange columns)
    {
        for (int i = columns.Start; i < columns.End; i++)
            _columns[i].Prepare();
    }

    /// <summary>Writes columns <paramref name="columns"/> as the next column chunks of <paramref name="rowGroup"/>.</summary>
    public async Task WriteAsync(ParquetRowGroupWriter rowGroup, ColumnRange columns, CancellationToken cancellationToken)
    {
        for (int i = columns.Start; i < columns.End; i++)
            await _columns[i].WriteAsync(rowGroup, cancellationToken).ConfigureAwait(false);
    }

    public void Clear()
    {
        foreach (var column in _columns)
            column.Clear();
        Rows = 0;
    }
}
