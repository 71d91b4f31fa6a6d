namespace EventDb.Tests.Fixtures;

/// <summary>A flat table: no base row.</summary>
[EventTable("run_info")]
public partial record struct RunInfo
{
    public string Firmware { get; init; }
    public long Seed { get; init; }
}

public enum Color : byte
{
    Red = 1,
    Green = 2,
}

/// <summary>One member of every mapped type, to round-trip the type map through a real file.</summary>
[EventTable("all_types")]
public partial record struct AllTypes
{
    public long Int64 { get; init; }
    public int Int32 { get; init; }
    public short Int16 { get; init; }
    public sbyte SByte { get; init; }
    public byte Byte { get; init; }
    public bool Flag { get; init; }
    public Color Color { get; init; }
    public ulong UInt64 { get; init; }
    public uint UInt32 { get; init; }
    public ushort UInt16 { get; init; }
    public UInt128 Wide { get; init; }
    public Int128 SignedWide { get; init; }
    public double Real { get; init; }
    public float Single { get; init; }
    public string Text { get; init; }
    public byte[] Bytes { get; init; }
    public ReadOnlyMemory<byte> Memory { get; init; }
    public long? MaybeInt { get; init; }
    public ulong? MaybeUInt64 { get; init; }
    public double? MaybeReal { get; init; }
    public string? MaybeText { get; init; }
    public byte[]? MaybeBytes { get; init; }
    public ReadOnlyMemory<byte>? MaybeMemory { get; init; }
    [Column("renamed")]
    public long Custom { get; init; }
}

/// <summary>One real number: its table is made by hand in the strict-read tests, with an untyped column.</summary>
[EventTable("measurement")]
public partial record struct Measurement
{
    public double Value { get; init; }
}
