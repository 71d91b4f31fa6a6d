namespace EventDb;

/// <summary>
/// Which rows of an event type a read returns: an id range, a condition, a limit. Rows always come in id order.
/// </summary>
public sealed record EventQuery
{
    /// <summary>Only rows whose id is greater than this. Default: all.</summary>
    public long? AfterId { get; init; }

    /// <summary>Only rows whose id is at most this. Default: all.</summary>
    public long? ThroughId { get; init; }

    /// <summary>Only rows for which this holds. Default: all.</summary>
    public Condition? Where { get; init; }

    /// <summary>At most this many rows (the first ones in id order). Default: no limit.</summary>
    public int? Limit { get; init; }

    /// <summary>Every row.</summary>
    public static EventQuery All { get; } = new();

    /// <summary>The rows for which <paramref name="condition"/> holds.</summary>
    public static implicit operator EventQuery(Condition condition) => new() { Where = condition };

    /// <summary>The rows for which <paramref name="condition"/> holds.</summary>
    public static EventQuery FromCondition(Condition condition) => condition;
}
