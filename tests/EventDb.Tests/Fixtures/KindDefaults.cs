namespace EventDb.Tests.Fixtures;

/// <summary>Defaults of the new kinds, stored when the member is null.</summary>
[EventTable("kind_defaults")]
public partial record struct KindDefaults
{
    [Column(Default = "2000-01-01 00:00:00")] public DateTime? At { get; init; }
    [Column(Default = "2000-01-01 00:00:00+14:00")] public DateTimeOffset? AtOffset { get; init; }
    [Column(Default = "00:05:00")] public TimeSpan? Span { get; init; }
    [Column(Default = "6f9619ff-8b86-d011-b42d-00c04fc964ff")] public Guid? Id2 { get; init; }
    [Column(Default = "0.10")] public decimal? Price { get; init; }
    [Column(Default = '?')] public char? Initial { get; init; }
    [Column(Default = 1.5)] public Half? Ratio { get; init; }
    [Column(Default = Mood.Calm, AsText = true)] public Mood? Feeling { get; init; }
}
