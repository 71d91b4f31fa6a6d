using System.ComponentModel;

namespace EventDb;

/// <summary>The old name of <see cref="RowSelection"/>, which a read converts it to.</summary>
[Obsolete("Renamed RowSelection: \"Query\" now means running SQL (EventFile.Query). This forwarder goes in the next release.")]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record EventQuery
{
    /// <inheritdoc cref="RowSelection.AfterId"/>
    public long? AfterId { get; init; }

    /// <inheritdoc cref="RowSelection.ThroughId"/>
    public long? ThroughId { get; init; }

    /// <inheritdoc cref="RowSelection.Where"/>
    public Condition? Where { get; init; }

    /// <inheritdoc cref="RowSelection.Limit"/>
    public int? Limit { get; init; }

    /// <inheritdoc cref="RowSelection.All"/>
    public static EventQuery All { get; } = new();

    /// <summary>The same rows, as a <see cref="RowSelection"/>.</summary>
    public static implicit operator RowSelection(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new() { AfterId = query.AfterId, ThroughId = query.ThroughId, Where = query.Where, Limit = query.Limit };
    }

    /// <summary>The same rows, as a <see cref="RowSelection"/>.</summary>
    public RowSelection ToRowSelection() => this;
}
