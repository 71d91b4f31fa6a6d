using EventDb;

// The one "every kind" fixture of the test projects: linked from tests/Shared by each csproj that writes or reads every
// column kind through a real file.
namespace EventDb.TestSupport;

/// <summary>An enum with a negative value and an alias (Happy and Glad are one value).</summary>
public enum Mood : sbyte
{
    Sad = -1,
    Calm = 0,
    Glad = 1,
#pragma warning disable CA1069 // the alias is the point: it is stored under the first name
    Happy = 1,
#pragma warning restore CA1069
}

/// <summary>An enum over byte: its values read back through the unsigned range check.</summary>
public enum Shade : byte
{
    Light = 1,
    Dark = byte.MaxValue,
}

/// <summary>An enum over ulong, whose top value wraps in a 64-bit signed column.</summary>
public enum Wide : ulong
{
    Top = ulong.MaxValue,
}

/// <summary>
/// One member of every column kind and one of its nullable form, and a renamed column: the fixture of the kinds' round
/// trips, of what other readers see, and of what the logger rejects.
/// </summary>
[EventTable("every_kind")]
public partial record struct EveryKind
{
    public long Int64 { get; init; }
    public int Int32 { get; init; }
    public short Int16 { get; init; }
    public sbyte SByte { get; init; }
    public byte Byte { get; init; }
    public nint NInt { get; init; }
    public ulong UInt64 { get; init; }
    public uint UInt32 { get; init; }
    public ushort UInt16 { get; init; }
    public nuint NUInt { get; init; }
    public Int128 Int128 { get; init; }
    public UInt128 UInt128 { get; init; }
    public bool Bool { get; init; }
    public Mood Enum { get; init; }
    public Shade ByteEnum { get; init; }
    public double Double { get; init; }
    public float Single { get; init; }
    public Half Half { get; init; }
    public decimal Decimal { get; init; }
    public char Char { get; init; }
    public string String { get; init; }
    public DateTime DateTime { get; init; }
    public DateTimeOffset DateTimeOffset { get; init; }
    public TimeSpan TimeSpan { get; init; }
    public Guid Guid { get; init; }
    public byte[] Bytes { get; init; }
    public ReadOnlyMemory<byte> Memory { get; init; }
    [Column(AsText = true)] public Mood EnumName { get; init; }
    [Column(AsText = true)] public Wide WideName { get; init; }

    public long? MaybeInt64 { get; init; }
    public int? MaybeInt32 { get; init; }
    public ulong? MaybeUInt64 { get; init; }
    public Int128? MaybeInt128 { get; init; }
    public UInt128? MaybeUInt128 { get; init; }
    public bool? MaybeBool { get; init; }
    public Mood? MaybeEnum { get; init; }
    public double? MaybeDouble { get; init; }
    public float? MaybeSingle { get; init; }
    public Half? MaybeHalf { get; init; }
    public decimal? MaybeDecimal { get; init; }
    public char? MaybeChar { get; init; }
    public string? MaybeString { get; init; }
    public DateTime? MaybeDateTime { get; init; }
    public DateTimeOffset? MaybeDateTimeOffset { get; init; }
    public TimeSpan? MaybeTimeSpan { get; init; }
    public Guid? MaybeGuid { get; init; }
    public byte[]? MaybeBytes { get; init; }
    public ReadOnlyMemory<byte>? MaybeMemory { get; init; }
    [Column(AsText = true)] public Mood? MaybeEnumName { get; init; }

    [Column("renamed")] public long Renamed { get; init; }
}
