namespace EventDb;

// Aggregate reads: what a summary of a file (eventdb report) needs, computed by the storage in one scan each, so
// nothing is read into the caller row by row.
public sealed partial class EventFile
{
    /// <summary>
    /// Counts the rows of a table per group (<see cref="GroupQuery.By"/> columns, id windows) with per-group aggregates,
    /// in one scan: memory grows with the groups, not the rows.
    /// </summary>
    /// <exception cref="EventDbException">A table or column does not exist, the condition is not valid, or an aggregate meets a value it cannot take.</exception>
    public GroupCounts CountGroups(GroupQuery query)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(query);
        return _reader.CountGroups(query);
    }

    /// <summary>
    /// The <paramref name="top"/> most frequent values of each of <paramref name="columns"/> of <paramref name="table"/>
    /// (default: every column but <c>id</c>), with NULL and distinct counts, in one scan of the table. A column with more
    /// than <paramref name="maxDistinct"/> distinct values is not counted further (its <see cref="ColumnValues.Distinct"/>
    /// and <see cref="ColumnValues.Nulls"/> are null and it lists no values), so memory stays bounded whatever the file.
    /// </summary>
    /// <param name="table">Any table of the file.</param>
    /// <param name="columns">The columns; default every column but <c>id</c>.</param>
    /// <param name="top">How many values to list per column.</param>
    /// <param name="maxDistinct">The most distinct values counted per column.</param>
    /// <param name="throughId">Only rows whose id is at most this (a snapshot of a file a writer appends to); all rows of a table whose primary key is not an integer <c>id</c>.</param>
    /// <exception cref="EventDbSchemaException">The table or a column does not exist.</exception>
    public IReadOnlyList<ColumnValues> MostFrequentValues(string table, IReadOnlyList<string>? columns = null, int top = 5, int maxDistinct = 10_000, long? throughId = null)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        return _reader.MostFrequentValues(table, columns, top, maxDistinct, throughId);
    }
}
