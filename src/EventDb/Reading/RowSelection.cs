namespace EventDb;

/// <summary>
/// Which rows a read returns: an id range, a condition, and the first or the last so many. Rows always come in id order.
/// </summary>
/// <remarks>
/// The argument of <see cref="EventFile.Read{T}"/>, <see cref="EventFile.Count{T}"/> and <see cref="EventFile.ReadTable"/>.
/// A <see cref="Condition"/> converts to the selection of the rows it holds for.
/// </remarks>
public sealed record RowSelection
{
    /// <summary>Only rows whose id is greater than this. Default: all.</summary>
    public long? AfterId { get; init; }

    /// <summary>Only rows whose id is at most this. Default: all.</summary>
    public long? ThroughId { get; init; }

    /// <summary>Only rows for which this holds. Default: all.</summary>
    public Condition? Where { get; init; }

    /// <summary>At most this many rows: the first ones in id order. Default: no limit.</summary>
    public int? Limit { get; init; }

    /// <summary>At most this many rows: the last ones, still in id order (what <c>tail -n</c> shows). Default: no limit.</summary>
    /// <remarks>Give <see cref="Limit"/> or <see cref="Last"/>, not both.</remarks>
    public int? Last { get; init; }

    /// <summary>Every row.</summary>
    public static RowSelection All { get; } = new();

    /// <summary>The rows for which <paramref name="condition"/> holds.</summary>
    public static implicit operator RowSelection(Condition condition) => new() { Where = condition };

    /// <summary>The rows for which <paramref name="condition"/> holds.</summary>
    public static RowSelection FromCondition(Condition condition) => condition;

    /// <exception cref="ArgumentException">Both <see cref="Limit"/> and <see cref="Last"/> are given.</exception>
    internal RowSelection Checked() =>
        Limit is not null && Last is not null
            ? throw new ArgumentException("A selection takes the first rows (Limit) or the last ones (Last), not both.")
            : this;
}
