namespace EventDb.Tests.Fixtures;

/// <summary>A flat table: no base row.</summary>
[EventTable("run_info")]
public partial record struct RunInfo
{
    public string Firmware { get; init; }
    public long Seed { get; init; }
}

/// <summary>One real number: its table is made by hand in the strict-read tests, with an untyped column.</summary>
[EventTable("measurement")]
public partial record struct Measurement
{
    public double Value { get; init; }
}
