namespace EventDb;

/// <summary>One table of a file, as <see cref="EventFile.Tables"/> describes it.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Rows">How many rows it has.</param>
/// <param name="MinId">The smallest <c>id</c>, or null when it is empty or has no <c>id</c> column.</param>
/// <param name="MaxId">The largest <c>id</c>, or null when it is empty or has no <c>id</c> column.</param>
/// <param name="Columns">Its columns, in table order.</param>
public sealed record TableFacts(string Name, long Rows, long? MinId, long? MaxId, IReadOnlyList<string> Columns);

/// <summary>The rows of an SQL query: column names, then each row's values as <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="byte"/>[] or null.</summary>
public sealed class SqlRows : IEnumerable<object?[]>
{
    private readonly Func<SqlRows, IEnumerable<object?[]>> _rows;

    internal SqlRows(IReadOnlyList<string> columns, Func<SqlRows, IEnumerable<object?[]>> rows)
    {
        Columns = columns;
        _rows = rows;
    }

    /// <summary>The result's column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Set before enumerating: TEXT values come as their stored bytes (<see cref="byte"/>[]), not as strings, so text
    /// that is not valid UTF-8 is kept exactly (a string would replace each bad byte with U+FFFD).
    /// </summary>
    public bool TextAsUtf8Bytes { get; set; }

    /// <inheritdoc/>
    public IEnumerator<object?[]> GetEnumerator() => _rows(this).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
