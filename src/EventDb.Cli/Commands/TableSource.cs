namespace EventDb.Cli.Commands;

/// <summary>
/// Generic rows of one table for <c>tail</c>: every column (<c>SELECT *</c>) plus, last, the key it is ordered and
/// followed by, <c>id</c> when the table has that column, else its rowid.
/// </summary>
internal sealed class TableSource
{
    private readonly EventFile _file;
    private readonly string _table;
    private readonly string _key;

    public TableSource(EventFile file, string table)
    {
        _file = file;
        _table = Quote(table);
        var info = file.Query($"SELECT * FROM {_table} LIMIT 0");
        Columns = info.Columns;
        foreach (var _ in info)
        {
        }
        _key = Columns.Contains("id", StringComparer.OrdinalIgnoreCase) ? $"{_table}.\"id\"" : "rowid";
    }

    /// <summary>The table's own columns, in table order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The key of the <paramref name="count"/>-th last row (the smallest key when fewer), or null when none is wanted.</summary>
    public long? StartOfLast(int count)
    {
        if (count == 0)
            return null;
        foreach (var row in _file.Query($"SELECT {_key} FROM {_table} ORDER BY {_key} DESC LIMIT 1 OFFSET ?", (long)count - 1))
            return row[0] as long? ?? long.MinValue;
        return long.MinValue;
    }

    /// <summary>The largest key, or <see cref="long.MinValue"/> for an empty table.</summary>
    public long LastKey()
    {
        foreach (var row in _file.Query($"SELECT max({_key}) FROM {_table}"))
            return row[0] as long? ?? long.MinValue;
        return long.MinValue;
    }

    /// <summary>The rows from key <paramref name="from"/> on, streamed.</summary>
    public IEnumerable<object?[]> From(long from) => _file.Query($"SELECT *, {_key} FROM {_table} WHERE {_key} >= ? ORDER BY {_key}", from);

    /// <summary>Up to <paramref name="limit"/> rows after key <paramref name="after"/>, read at once.</summary>
    public List<object?[]> After(long after, int limit) =>
        [.. _file.Query($"SELECT *, {_key} FROM {_table} WHERE {_key} > ? ORDER BY {_key} LIMIT ?", after, (long)limit)];

    /// <summary>Changes whenever another connection commits to the file.</summary>
    public long DataVersion()
    {
        foreach (var row in _file.Query("PRAGMA data_version"))
            return row[0] as long? ?? 0;
        return 0;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
