namespace EventDb;

/// <summary>
/// The rows of an SQL query (<see cref="EventFile.Query"/>): column names, then each row's values as <see cref="long"/>,
/// <see cref="double"/>, <see cref="string"/>, <see cref="byte"/>[] or null, read one at a time as they are enumerated.
/// </summary>
/// <remarks>
/// It holds the prepared statement, and while it is being read, the statement's read of the file: both end when the
/// last row has been read or when it is disposed. Dispose it (<c>using</c>) when you may stop early. Read it once.
/// </remarks>
public sealed class SqlRows : IEnumerable<object?[]>, IDisposable
{
    private readonly Func<bool, IEnumerable<object?[]>> _rows;
    private readonly IDisposable _statement;
    private bool _started;
    private bool _disposed;

    /// <param name="columns">The result's column names.</param>
    /// <param name="rows">The rows, read from <paramref name="statement"/>; the argument is <see cref="TextAsUtf8Bytes"/>.</param>
    /// <param name="statement">What holds the statement: disposed with these rows.</param>
    internal SqlRows(IReadOnlyList<string> columns, Func<bool, IEnumerable<object?[]>> rows, IDisposable statement)
    {
        Columns = columns;
        _rows = rows;
        _statement = statement;
    }

    /// <summary>The result's column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Set before enumerating: TEXT values come as their stored bytes (<see cref="byte"/>[]), not as strings, so text
    /// that is not valid UTF-8 is kept exactly (a string would replace each bad byte with U+FFFD).
    /// </summary>
    public bool TextAsUtf8Bytes { get; set; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The rows were already read: run the query again.</exception>
    /// <exception cref="ObjectDisposedException">The rows were disposed.</exception>
    public IEnumerator<object?[]> GetEnumerator()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started)
            throw new InvalidOperationException("The rows of a query are read once; run the query again to read them again.");
        _started = true;
        return Read().GetEnumerator();
    }

    private IEnumerable<object?[]> Read()
    {
        foreach (var row in _rows(TextAsUtf8Bytes))
        {
            yield return row;
            ObjectDisposedException.ThrowIf(_disposed, this);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Ends the read and frees the statement. The rows not read yet are not read.</summary>
    public void Dispose()
    {
        _disposed = true;
        _statement.Dispose();
    }
}
