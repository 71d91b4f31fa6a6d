namespace EventDb;

/// <summary>
/// The rows of one table read by name (<see cref="EventFile.ReadTable"/>): its columns, then each row's values as
/// <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="byte"/>[] or null, in id order.
/// </summary>
/// <remarks>
/// Read in chunks of 4,096 rows, up to the last id present when the enumeration starts; no read of the file is held
/// between chunks, so nothing is left to dispose. Each enumeration reads the table again.
/// </remarks>
public sealed class TableRows : IEnumerable<object?[]>
{
    private readonly IEnumerable<object?[]> _rows;

    internal TableRows(IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        Columns = columns;
        _rows = rows;
    }

    /// <summary>The table's columns, in table order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <inheritdoc/>
    public IEnumerator<object?[]> GetEnumerator() => _rows.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
