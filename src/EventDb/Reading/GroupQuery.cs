namespace EventDb;

/// <summary>
/// Which rows of a table <see cref="EventFile.CountGroups"/> counts, and how it groups them: by columns of the table or
/// of a table joined to it on <c>id</c> (its base table), optionally by id window, with a condition and aggregates.
/// </summary>
/// <remarks>
/// A column of another table than <see cref="Table"/> (in <see cref="By"/> or <see cref="Aggregates"/>) joins that
/// table on <c>id</c>; a <see cref="Condition.Sql"/> may name the joined tables. The aggregation is streamed: memory
/// grows with the number of groups, never with the rows, and is bounded by <see cref="MaxGroups"/>.
/// </remarks>
public sealed record GroupQuery
{
    /// <summary>Groups the rows of <paramref name="table"/>.</summary>
    public GroupQuery(string table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        Table = table;
    }

    /// <summary>The table whose rows are counted.</summary>
    public string Table { get; }

    /// <summary>The columns whose values make a group, in key order. Default: none (one group, all rows).</summary>
    public IReadOnlyList<ColumnRef> By { get; init; } = [];

    /// <summary>When set, the id window of a row is its first key (before <see cref="By"/>'s), as a <see cref="long"/>.</summary>
    public IdWindows? Windows { get; init; }

    /// <summary>Values computed per group besides its row count, in order: <see cref="GroupRow.Values"/>.</summary>
    public IReadOnlyList<Aggregate> Aggregates { get; init; } = [];

    /// <summary>Only rows for which this holds. Default: all.</summary>
    public Condition? Where { get; init; }

    /// <summary>Only rows whose id is at most this (a snapshot of a file a writer appends to). Default: all.</summary>
    public long? ThroughId { get; init; }

    /// <summary>
    /// The most groups kept. Rows of a group first seen after that are not counted (<see cref="GroupCounts.RowsNotGrouped"/>
    /// says how many), so a key with millions of distinct values costs bounded memory. Default: 100,000.
    /// </summary>
    public int MaxGroups { get; init; } = 100_000;
}

/// <summary>Ids cut into windows of <paramref name="Width"/> ids from <paramref name="First"/>: window <c>k</c> holds ids <c>First + k*Width</c> to <c>First + (k+1)*Width - 1</c>.</summary>
/// <param name="First">The first id of window 0.</param>
/// <param name="Width">Ids per window; at least 1.</param>
public readonly record struct IdWindows(long First, long Width)
{
    /// <summary>The window holding <paramref name="id"/> (negative for ids before <see cref="First"/>).</summary>
    public long Of(long id)
    {
        if (Width <= 0)
            throw new InvalidOperationException("An id window is at least 1 id wide.");
        // Floor division, in 128 bits so no id and first overflow.
        Int128 offset = (Int128)id - First;
        var window = offset / Width;
        return (long)(offset % Width < 0 ? window - 1 : window);
    }
}

/// <summary>A value computed per group of a <see cref="GroupQuery"/>; NULLs are skipped, and a group of NULLs gives null.</summary>
public sealed record Aggregate
{
    private Aggregate(AggregateKind kind, ColumnRef column)
    {
        ArgumentNullException.ThrowIfNull(column);
        Kind = kind;
        Column = column;
    }

    /// <summary>What is computed.</summary>
    public AggregateKind Kind { get; }

    /// <summary>The column it is computed over.</summary>
    public ColumnRef Column { get; }

    /// <summary>The smallest integer value of <paramref name="column"/> (a value that is not an integer is an error).</summary>
    public static Aggregate Min(ColumnRef column) => new(AggregateKind.Min, column);

    /// <summary>The largest integer value of <paramref name="column"/> (a value that is not an integer is an error).</summary>
    public static Aggregate Max(ColumnRef column) => new(AggregateKind.Max, column);

    /// <summary>The total size in bytes of <paramref name="column"/>'s values (text as UTF-8, BLOBs as stored), read without loading them.</summary>
    public static Aggregate TotalBytes(ColumnRef column) => new(AggregateKind.TotalBytes, column);
}

/// <summary>What an <see cref="Aggregate"/> computes.</summary>
public enum AggregateKind
{
    /// <summary>The smallest integer.</summary>
    Min,

    /// <summary>The largest integer.</summary>
    Max,

    /// <summary>The total size in bytes.</summary>
    TotalBytes,
}

/// <summary>One group of a <see cref="GroupQuery"/>.</summary>
/// <param name="Keys">The group's key values, in key order: <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="byte"/>[] or null.</param>
/// <param name="Count">How many rows it has.</param>
/// <param name="Values">The aggregates, in <see cref="GroupQuery.Aggregates"/> order.</param>
public sealed record GroupRow(IReadOnlyList<object?> Keys, long Count, IReadOnlyList<long?> Values);

/// <summary>What <see cref="EventFile.CountGroups"/> found.</summary>
/// <param name="Groups">The groups, most rows first (ties by key).</param>
/// <param name="Rows">The rows the query selected, counted or not.</param>
/// <param name="RowsNotGrouped">Rows of groups beyond <see cref="GroupQuery.MaxGroups"/>, not counted in <paramref name="Groups"/>.</param>
public sealed record GroupCounts(IReadOnlyList<GroupRow> Groups, long Rows, long RowsNotGrouped)
{
    /// <summary>Every selected row is in a group.</summary>
    public bool Complete => RowsNotGrouped == 0;
}

/// <summary>The most frequent values of one column, as <see cref="EventFile.MostFrequentValues"/> counts them.</summary>
/// <param name="Column">The column name.</param>
/// <param name="Rows">The rows read.</param>
/// <param name="Nulls">How many of them hold NULL; null when the column has more distinct values than the limit asked for (it was then no longer read).</param>
/// <param name="Distinct">How many distinct non-NULL values, or null when there are more than the limit asked for (the column was then no longer read, and <paramref name="Top"/> is empty).</param>
/// <param name="Top">The most frequent non-NULL values, most frequent first (ties by value).</param>
public sealed record ColumnValues(string Column, long Rows, long? Nulls, long? Distinct, IReadOnlyList<ValueCount> Top);

/// <summary>A value and how many rows hold it.</summary>
/// <param name="Value">The value: <see cref="long"/>, <see cref="double"/>, <see cref="string"/> or <see cref="byte"/>[].</param>
/// <param name="Count">How many rows hold it.</param>
public readonly record struct ValueCount(object? Value, long Count);

/// <summary>A BLOB column (or any column only tested for NULL or measured), for conditions and aggregates.</summary>
public sealed record BlobColumn(string Table, string Name) : ColumnRef(Table, Name);
