namespace EventDb;

/// <summary>
/// What <see cref="EventFile"/> reads a file through: the seam between the storage-neutral reader and the one class
/// family that knows a file format (<see cref="SqliteReader"/>), as <see cref="IEventStore"/> is for writing. The
/// storage is the only place that speaks its query language; the user's own SQL (<see cref="Query"/>) is passed
/// through as it is. Used by one thread at a time.
/// </summary>
internal interface IEventReader : IDisposable
{
    /// <summary>The full path of the file.</summary>
    string Path { get; }

    /// <summary>The file's own tables, by name, in order.</summary>
    List<string> TableNames();

    /// <summary>Every table of the file with its row count, id range and columns.</summary>
    List<TableFacts> Tables();

    /// <summary>Whether the file has a table of exactly this name.</summary>
    bool HasTable(string table);

    /// <summary>
    /// Throws <see cref="EventDbSchemaException"/> naming what the file lacks for reading <paramref name="table"/>'s
    /// events (tables, columns); extra tables and columns are fine.
    /// </summary>
    void CheckReadable(EventTableSchema table);

    /// <summary>How many rows of <paramref name="table"/>'s events <paramref name="selection"/> selects, counted without reading them.</summary>
    long Count(EventTableSchema table, RowSelection selection);

    /// <summary>The rows of <typeparamref name="T"/> for which <paramref name="where"/> holds, to be read chunk by chunk.</summary>
    IRowChunks<T> Rows<T>(Condition? where) where T : struct, IEventTable<T>;

    /// <summary>The rows of any table (its own columns), keyed by its <c>id</c> column or else its rowid, chunk by chunk.</summary>
    /// <exception cref="EventDbSchemaException">The file has no such table.</exception>
    IRowChunks<object?[]> TableRows(string table, Condition? where);

    /// <summary>Runs the user's read-only SQL; rows are read as they are enumerated.</summary>
    SqlRows Query(string sql, IReadOnlyList<object?> parameters);

    /// <summary>Like <see cref="Query"/>, the rows read column by column without boxing.</summary>
    SqlCursor OpenCursor(string sql, IReadOnlyList<object?> parameters);

    /// <summary>A table's columns as declared, in table order.</summary>
    /// <exception cref="EventDbSchemaException">The file has no such table.</exception>
    List<ColumnFacts> Columns(string table);

    /// <summary>The table a table's <c>id</c> is a foreign key to, or null.</summary>
    /// <exception cref="EventDbSchemaException">The file has no such table.</exception>
    string? IdReferences(string table);

    /// <summary>The storage classes a column's values have (<see cref="SqlValueType.Null"/> for NULLs).</summary>
    /// <exception cref="EventDbSchemaException">The file has no such table or column.</exception>
    HashSet<SqlValueType> StorageClasses(string table, string column);

    /// <summary>A columnar read of one table, without boxing.</summary>
    SqlCursor OpenColumns(ColumnRead read);

    /// <summary>Starts one read that every read until <see cref="EndSnapshot"/> shares: they see one state of the file.</summary>
    void BeginSnapshot();

    /// <summary>Ends the read <see cref="BeginSnapshot"/> started (nothing when none is open).</summary>
    void EndSnapshot();

    /// <summary>Counts a table's rows per group, with per-group aggregates, in one scan (<see cref="EventFile.CountGroups"/>).</summary>
    GroupCounts CountGroups(GroupQuery query);

    /// <summary>Each column's most frequent values, NULLs and distinct values, in one scan (<see cref="EventFile.MostFrequentValues"/>).</summary>
    List<ColumnValues> MostFrequentValues(string table, IReadOnlyList<string>? columns, int top, int maxDistinct, long? throughId);

    /// <summary>The statements that created the file's tables, indexes, views and triggers.</summary>
    List<string> SchemaSql();

    /// <summary><c>wal</c> or <c>delete</c>, ... (SQLite's journal mode).</summary>
    string JournalMode { get; }

    /// <summary>The file's page size in bytes.</summary>
    long PageSize { get; }

    /// <summary>The process whose logger writes the file now, or null.</summary>
    int? WriterProcessId();

    /// <summary>Changes whenever another connection commits to the file.</summary>
    long DataVersion();

    /// <summary>Whether <paramref name="path"/> names the file or one the storage keeps beside it, by any path.</summary>
    bool IsFileOrCompanion(string path);

    /// <summary>Why <see cref="Path"/> no longer leads to the file being read (renamed, deleted, replaced), or null while it does.</summary>
    string? Replaced();
}

/// <summary>
/// One read of one table's rows in id order, made chunk by chunk: each <see cref="Read"/> reads its rows and ends its
/// read of the file before it returns, so nothing is held between chunks (a writer that waits for readers, as
/// Penguin's rollback-journal logger does, is never kept waiting while the rows are used).
/// </summary>
/// <typeparam name="TRow">An event struct, or a table's values.</typeparam>
internal interface IRowChunks<TRow> : IDisposable
{
    /// <summary>The table's columns (a table read's values are these, in order).</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>The largest id of the table now (whatever the condition), or null when it is empty.</summary>
    long? LastId();

    /// <summary>
    /// The id of the <paramref name="count"/>-th last selected row with an id in (<paramref name="afterId"/>,
    /// <paramref name="throughId"/>], or null when there are fewer.
    /// </summary>
    long? IdOfLast(long afterId, long throughId, int count);

    /// <summary>
    /// Reads the first selected rows with ids in (<paramref name="afterId"/>, <paramref name="throughId"/>] into
    /// <paramref name="rows"/>, as many as it holds, and returns how many it read.
    /// </summary>
    int Read(long afterId, long throughId, Span<(long Id, TRow Row)> rows);
}
