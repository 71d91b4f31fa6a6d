namespace EventDb.FaultTests;

// Small events for the fault tests. Each carries (producer, seq), so a test can check that every event it added is in
// the file exactly once, and a joined-table family, so it can check that no base row is ever without its child row.

/// <summary>The base row: which producer added the event.</summary>
[EventBase("fault_event", Discriminator = "kind")]
public partial record struct FaultEvent
{
    public long Producer { get; init; }
}

/// <summary>A numbered event with optional text and blob, for bad-input and volume tests.</summary>
[EventTable("numbered", Base = typeof(FaultEvent))]
public partial record struct Numbered
{
    public long Seq { get; init; }
    public string? Text { get; init; }
    public byte[]? Data { get; init; }
}

/// <summary>An event with a NOT NULL text column.</summary>
[EventTable("labelled", Base = typeof(FaultEvent))]
public partial record struct Labelled
{
    public long Seq { get; init; }
    public string Label { get; init; }
}
