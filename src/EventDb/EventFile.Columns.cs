namespace EventDb;

/// <summary>
/// What a columnar reader such as the Parquet export needs of any table, without SQL of its own: the columns as
/// declared, the keys, the storage classes a column holds, and a read of chosen columns straight from SQLite's memory.
/// </summary>
public sealed partial class EventFile
{
    /// <summary>A table's columns as the file declares them, in table order.</summary>
    /// <exception cref="EventDbSchemaException">The file has no table of that name.</exception>
    public IReadOnlyList<ColumnFacts> Columns(string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ThrowIfDisposed();
        return _reader.Columns(table);
    }

    /// <summary>
    /// The table a table's <c>id</c> column is a foreign key to (<c>FOREIGN KEY(id) REFERENCES base (id)</c>, as EventDb
    /// and Penguin declare a child of a joined table), or null when it has none.
    /// </summary>
    /// <exception cref="EventDbSchemaException">The file has no table of that name.</exception>
    public string? IdReferences(string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ThrowIfDisposed();
        return _reader.IdReferences(table);
    }

    /// <summary>
    /// The storage classes a column's values have (<see cref="SqlValueType.Null"/> when some are NULL; none for an empty
    /// table): what a column declared without a type, or loosely, actually holds. Reads the whole column.
    /// </summary>
    /// <exception cref="EventDbSchemaException">The file has no such table, or the table no such column.</exception>
    public IReadOnlySet<SqlValueType> StorageClasses(string table, string column)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentException.ThrowIfNullOrEmpty(column);
        ThrowIfDisposed();
        return _reader.StorageClasses(table, column);
    }

    /// <summary>
    /// Reads the columns <paramref name="read"/> names, row by row, through a <see cref="SqlCursor"/>: each value as its
    /// storage class, without boxing or allocating. Dispose the cursor when done.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A column names a table other than the read's table and its joined base, or no column is named.
    /// </exception>
    /// <exception cref="EventDbException">A table or column does not exist.</exception>
    public SqlCursor OpenColumns(ColumnRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentException.ThrowIfNullOrEmpty(read.Table);
        ThrowIfDisposed();
        if (read.Columns.Count == 0)
            throw new ArgumentException("A read names at least one column.", nameof(read));
        foreach (var column in read.Columns)
        {
            if (column.Table != read.Table && (read.JoinedBase is null || column.Table != read.JoinedBase))
                throw new ArgumentException($"Column '{column.Name}' is of table '{column.Table}', neither '{read.Table}' nor its joined base.", nameof(read));
        }
        return _reader.OpenColumns(read);
    }

    /// <summary>
    /// Starts one read of the file that every read through this instance shares until the result is disposed: they all
    /// see the file as it was at the first of them, whatever a writer commits meanwhile (a writer waiting for readers,
    /// as a rollback-journal one does, waits until then). For reading several tables as of one moment.
    /// </summary>
    /// <exception cref="EventDbException">A snapshot is already open.</exception>
    public IDisposable BeginSnapshot()
    {
        ThrowIfDisposed();
        _reader.BeginSnapshot();
        return new Snapshot(this);
    }

    private sealed class Snapshot(EventFile file) : IDisposable
    {
        private bool _ended;

        public void Dispose()
        {
            if (_ended || file._disposed)
                return;
            _ended = true;
            file._reader.EndSnapshot();
        }
    }
}
