using Parquet;
using Parquet.Schema;

namespace EventDb.Export.Internals;

/// <summary>
/// The rows of one Parquet row group being filled, column by column: the Parquet side of the storage seam. It is an
/// <see cref="IRowWriter"/>, so whatever writes rows through that contract — the file scan here, or a generated
/// <c>Write</c> — fills it. As the contract says, a value the column cannot hold does not throw: the first problem of a
/// row is recorded, the rest of the row ignored, and <see cref="EndRow"/> reports it. The exporter then fails the run
/// (an export is faithful or it does not happen).
/// </summary>
internal sealed class RowGroupBuffer : IRowWriter
{
    private readonly ColumnBuffer[] _columns;
    private int _column;
    private string? _problem;

    public RowGroupBuffer(IReadOnlyList<ExportColumn> columns, IReadOnlyList<DataField> fields, int capacity)
    {
        _columns = [.. columns.Select((c, i) => new ColumnBuffer(c, fields[i], capacity))];
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Rows { get; private set; }

    public bool IsFull => Rows == Capacity;

    private void Take(string? problem)
    {
        _problem ??= problem;
        _column++;
    }

    private bool Skipping => _problem is not null || _column >= _columns.Length;

    public void Null()
    {
        if (Skipping)
            Take(_problem is null ? "the row has more values than the table has columns" : null);
        else
            Take(_columns[_column].AddNull());
    }

    public void Int64(long value)
    {
        if (Skipping)
            Take(_problem is null ? "the row has more values than the table has columns" : null);
        else
            Take(_columns[_column].AddInt64(value));
    }

    public void Real(double value)
    {
        if (Skipping)
            Take(_problem is null ? "the row has more values than the table has columns" : null);
        else
            Take(_columns[_column].AddReal(value));
    }

    public void Text(string? value)
    {
        if (value is null)
            Null();
        else if (Skipping)
            Take(_problem is null ? "the row has more values than the table has columns" : null);
        else
            Take(_columns[_column].AddText(value));
    }

    public void Utf8(ReadOnlySpan<byte> value)
    {
        if (Skipping)
            Take(_problem is null ? "the row has more values than the table has columns" : null);
        else
            Take(_columns[_column].AddUtf8(value));
    }

    public void Formatted<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        Span<byte> utf8 = stackalloc byte[128];
        if (value.TryFormat(utf8, out int written, format, System.Globalization.CultureInfo.InvariantCulture))
            Utf8(utf8[..written]);
        else
            Text(((IFormattable)value).ToString(format.ToString(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Blob(ReadOnlySpan<byte> value)
    {
        if (Skipping)
            Take(_problem is null ? "the row has more values than the table has columns" : null);
        else
            Take(_columns[_column].AddBlob(value));
    }

    public void Blob(byte[]? value)
    {
        if (value is null)
            Null();
        else
            Blob(value.AsSpan());
    }

    /// <summary>Ends the row: null when every column took its value, else the first problem (the row is then unusable).</summary>
    public string? EndRow()
    {
        var problem = _problem ?? (_column < _columns.Length ? $"the row has {_column} values for {_columns.Length} columns" : null);
        _column = 0;
        _problem = null;
        if (problem is null)
            Rows++;
        return problem;
    }

    /// <summary>Writes the rows as one row group of <paramref name="writer"/>'s file.</summary>
    public async Task WriteAsync(ParquetWriter writer, CancellationToken cancellationToken)
    {
        using var rowGroup = writer.CreateRowGroup();
        foreach (var column in _columns)
            await column.WriteAsync(rowGroup, cancellationToken).ConfigureAwait(false);
        rowGroup.CompleteValidate();
    }

    public void Clear()
    {
        foreach (var column in _columns)
            column.Clear();
        Rows = 0;
    }
}
