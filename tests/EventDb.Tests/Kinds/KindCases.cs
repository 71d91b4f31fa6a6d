using System.Globalization;
using EventDb.Tests.Fixtures;

namespace EventDb.Tests.Kinds;

/// <summary>One column of <see cref="EveryKind"/> and the edge values of its kind, each sent in a row of its own.</summary>
internal abstract class KindCase
{
    /// <summary>The column name in <c>every_kind</c>.</summary>
    public abstract string Column { get; }

    /// <summary>One row per value; every other member keeps its default.</summary>
    public abstract EveryKind[] Rows();

    /// <summary>Asserts that <paramref name="back"/> holds what <paramref name="sent"/> held in this column.</summary>
    public abstract void AssertRoundTrip(EveryKind sent, EveryKind back);

    /// <summary>The value this column was sent in <paramref name="row"/>.</summary>
    public abstract object? Sent(EveryKind row);
}

internal sealed class KindCase<T>(string column, Func<EveryKind, T> get, Func<EveryKind, T, EveryKind> set, T[] values, Action<T, T>? assertEqual = null)
    : KindCase
{
    public override string Column => column;

    public override EveryKind[] Rows() => [.. values.Select(v => set(KindCases.Blank, v))];

    public override void AssertRoundTrip(EveryKind sent, EveryKind back)
    {
        if (assertEqual is null)
            Assert.Equal(get(sent), get(back));
        else
            assertEqual(get(sent), get(back));
    }

    public override object? Sent(EveryKind row) => get(row);
}

/// <summary>The edge values of every column kind, keyed by C# type as declared.</summary>
internal static class KindCases
{
    public static EveryKind Blank => new() { String = "", Bytes = [] };

    /// <summary>A tick past a second, with digits in every place: 100 ns precision must survive.</summary>
    public static readonly DateTime Instant = new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(1_234_567);

    public static readonly IReadOnlyDictionary<string, KindCase> All = new Dictionary<string, KindCase>
    {
        ["long"] = Case("int64", r => r.Int64, (r, v) => r with { Int64 = v }, [long.MinValue, -1, 0, long.MaxValue]),
        ["int"] = Case("int32", r => r.Int32, (r, v) => r with { Int32 = v }, [int.MinValue, -1, int.MaxValue]),
        ["short"] = Case("int16", r => r.Int16, (r, v) => r with { Int16 = v }, [short.MinValue, short.MaxValue]),
        ["sbyte"] = Case("s_byte", r => r.SByte, (r, v) => r with { SByte = v }, [sbyte.MinValue, sbyte.MaxValue]),
        ["byte"] = Case("byte", r => r.Byte, (r, v) => r with { Byte = v }, [byte.MinValue, byte.MaxValue]),
        ["nint"] = Case("n_int", r => r.NInt, (r, v) => r with { NInt = v }, [nint.MinValue, nint.MaxValue]),
        ["ulong"] = Case("u_int64", r => r.UInt64, (r, v) => r with { UInt64 = v }, [0UL, (ulong)long.MaxValue + 1, ulong.MaxValue]),
        ["uint"] = Case("u_int32", r => r.UInt32, (r, v) => r with { UInt32 = v }, [uint.MinValue, uint.MaxValue]),
        ["ushort"] = Case("u_int16", r => r.UInt16, (r, v) => r with { UInt16 = v }, [ushort.MinValue, ushort.MaxValue]),
        ["nuint"] = Case("nu_int", r => r.NUInt, (r, v) => r with { NUInt = v }, [nuint.MinValue, nuint.MaxValue]),
        ["Int128"] = Case("int128", r => r.Int128, (r, v) => r with { Int128 = v }, [long.MinValue, -1, long.MaxValue]),
        ["UInt128"] = Case("u_int128", r => r.UInt128, (r, v) => r with { UInt128 = v }, [UInt128.Zero, ulong.MaxValue]),
        ["bool"] = Case("bool", r => r.Bool, (r, v) => r with { Bool = v }, [false, true]),
        ["byte enum"] = Case<Shade>("byte_enum", r => r.ByteEnum, (r, v) => r with { ByteEnum = v }, [0, Shade.Light, (Shade)200, Shade.Dark]),
        ["enum"] = Case("enum", r => r.Enum, (r, v) => r with { Enum = v }, [Mood.Sad, Mood.Calm, Mood.Happy, (Mood)42, (Mood)sbyte.MinValue]),
        ["double"] = Case("double", r => r.Double, (r, v) => r with { Double = v },
            [double.MinValue, double.MaxValue, double.Epsilon, -1e-300, Math.PI, double.NegativeInfinity, double.PositiveInfinity]),
        ["float"] = Case("single", r => r.Single, (r, v) => r with { Single = v },
            [float.MinValue, float.MaxValue, float.Epsilon, 0.1f, float.NegativeInfinity, float.PositiveInfinity]),
        ["Half"] = Case("half", r => r.Half, (r, v) => r with { Half = v },
            [Half.MinValue, Half.MaxValue, Half.Epsilon, (Half)0.1, Half.NegativeInfinity, Half.PositiveInfinity]),
        ["decimal"] = Case("decimal", r => r.Decimal, (r, v) => r with { Decimal = v },
            [decimal.MinValue, decimal.MaxValue, 0.0000000000000000000000000001m, 1.0000000000000000000000000000m, -12.50m, 0m], SameDecimal),
        ["char"] = Case("char", r => r.Char, (r, v) => r with { Char = v }, ['\0', 'a', 'é', '€', '\uD7FF', '\uE000', '\uFFFF']),
        ["string"] = Case("string", r => r.String, (r, v) => r with { String = v }, ["", "ünïcödé ✓ \0 embedded", "\U0001F600"]),
        ["DateTime"] = Case("date_time", r => r.DateTime, (r, v) => r with { DateTime = v },
            [DateTime.MinValue, DateTime.MaxValue, DateTime.UnixEpoch, Instant, DateTime.SpecifyKind(Instant, DateTimeKind.Unspecified),
             DateTime.SpecifyKind(Instant, DateTimeKind.Local)], SameInstantAsUtc),
        ["DateTimeOffset"] = Case("date_time_offset", r => r.DateTimeOffset, (r, v) => r with { DateTimeOffset = v }, DateTimeOffsets, SameOffsetAndTicks),
        ["TimeSpan"] = Case("time_span", r => r.TimeSpan, (r, v) => r with { TimeSpan = v },
            [TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.Zero, TimeSpan.FromTicks(-1), new TimeSpan(1, 2, 3, 4, 500), TimeSpan.FromDays(-1)]),
        ["Guid"] = Case("guid", r => r.Guid, (r, v) => r with { Guid = v },
            [Guid.Empty, Guid.AllBitsSet, new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff")]),
        ["byte[]"] = Case("bytes", r => r.Bytes, (r, v) => r with { Bytes = v }, [[], [0, 255], new byte[1000]]),
        ["ReadOnlyMemory<byte>"] = Case("memory", r => r.Memory, (r, v) => r with { Memory = v }, [ReadOnlyMemory<byte>.Empty, new byte[] { 1, 2, 3 }],
            (a, b) => Assert.Equal(a.ToArray(), b.ToArray())),
        ["enum (AsText)"] = Case("enum_name", r => r.EnumName, (r, v) => r with { EnumName = v },
            [Mood.Sad, Mood.Calm, Mood.Glad, Mood.Happy, (Mood)42, (Mood)sbyte.MinValue]),
        ["ulong enum (AsText)"] = Case<Wide>("wide_name", r => r.WideName, (r, v) => r with { WideName = v },
            [Wide.Top, 0, (Wide)(ulong.MaxValue - 1), (Wide)long.MaxValue]),

        ["long?"] = Case("maybe_int64", r => r.MaybeInt64, (r, v) => r with { MaybeInt64 = v }, [null, long.MinValue, long.MaxValue]),
        ["int?"] = Case("maybe_int32", r => r.MaybeInt32, (r, v) => r with { MaybeInt32 = v }, [null, int.MinValue]),
        ["ulong?"] = Case("maybe_u_int64", r => r.MaybeUInt64, (r, v) => r with { MaybeUInt64 = v }, [null, ulong.MaxValue]),
        ["Int128?"] = Case("maybe_int128", r => r.MaybeInt128, (r, v) => r with { MaybeInt128 = v }, [null, -1]),
        ["UInt128?"] = Case("maybe_u_int128", r => r.MaybeUInt128, (r, v) => r with { MaybeUInt128 = v }, [null, ulong.MaxValue]),
        ["bool?"] = Case("maybe_bool", r => r.MaybeBool, (r, v) => r with { MaybeBool = v }, [null, true, false]),
        ["enum?"] = Case("maybe_enum", r => r.MaybeEnum, (r, v) => r with { MaybeEnum = v }, [null, Mood.Sad, (Mood)42]),
        ["double?"] = Case("maybe_double", r => r.MaybeDouble, (r, v) => r with { MaybeDouble = v }, [null, 0.0, double.MaxValue]),
        ["float?"] = Case("maybe_single", r => r.MaybeSingle, (r, v) => r with { MaybeSingle = v }, [null, float.MinValue]),
        ["Half?"] = Case("maybe_half", r => r.MaybeHalf, (r, v) => r with { MaybeHalf = v }, [null, Half.NegativeZero, Half.MaxValue]),
        ["decimal?"] = Case("maybe_decimal", r => r.MaybeDecimal, (r, v) => r with { MaybeDecimal = v }, [null, decimal.MinValue, 0.10m],
            Nullable<decimal>(SameDecimal)),
        ["char?"] = Case("maybe_char", r => r.MaybeChar, (r, v) => r with { MaybeChar = v }, [null, '\0', 'Z']),
        ["string?"] = Case("maybe_string", r => r.MaybeString, (r, v) => r with { MaybeString = v }, [null, ""]),
        ["DateTime?"] = Case("maybe_date_time", r => r.MaybeDateTime, (r, v) => r with { MaybeDateTime = v }, [null, DateTime.MaxValue, Instant],
            Nullable<DateTime>(SameInstantAsUtc)),
        ["DateTimeOffset?"] = Case("maybe_date_time_offset", r => r.MaybeDateTimeOffset, (r, v) => r with { MaybeDateTimeOffset = v },
            [null, DateTimeOffset.MinValue, new DateTimeOffset(Instant.AddHours(-12).Ticks, TimeSpan.FromHours(-12))],
            Nullable<DateTimeOffset>(SameOffsetAndTicks)),
        ["TimeSpan?"] = Case("maybe_time_span", r => r.MaybeTimeSpan, (r, v) => r with { MaybeTimeSpan = v }, [null, TimeSpan.MinValue]),
        ["Guid?"] = Case("maybe_guid", r => r.MaybeGuid, (r, v) => r with { MaybeGuid = v }, [null, Guid.Empty, Guid.AllBitsSet]),
        ["byte[]?"] = Case("maybe_bytes", r => r.MaybeBytes, (r, v) => r with { MaybeBytes = v }, [null, []]),
        ["ReadOnlyMemory<byte>?"] = Case("maybe_memory", r => r.MaybeMemory, (r, v) => r with { MaybeMemory = v }, [null, ReadOnlyMemory<byte>.Empty],
            (a, b) => Assert.Equal(a?.ToArray(), b?.ToArray())),
        ["enum? (AsText)"] = Case("maybe_enum_name", r => r.MaybeEnumName, (r, v) => r with { MaybeEnumName = v }, [null, Mood.Sad, (Mood)42]),
        ["long (renamed)"] = Case("renamed", r => r.Renamed, (r, v) => r with { Renamed = v }, [77, long.MinValue]),
    };

    /// <summary>At both ends of the range, with the most distant offsets .NET allows, and with every tick.</summary>
    public static DateTimeOffset[] DateTimeOffsets =>
    [
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        new(DateTime.MinValue.AddHours(14), TimeSpan.FromHours(14)),
        new(DateTime.MaxValue.AddHours(-12), TimeSpan.FromHours(-12)),
        new(Instant.AddHours(5).AddMinutes(45).Ticks, new TimeSpan(5, 45, 0)),
        new(Instant.Ticks, TimeSpan.Zero),
    ];

    /// <summary>The instant EventDb stores: a local time as UTC, an unspecified one as it is; read back as UTC.</summary>
    public static DateTime AsStored(DateTime value) =>
        DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc);

    /// <summary>The text EventDb stores for a <see cref="Mood"/> with AsText: the first name of the value, or its number.</summary>
    public static string StoredName(Mood value) => value switch
    {
        Mood.Sad => "Sad",
        Mood.Calm => "Calm",
        Mood.Glad => "Glad", // and Happy, its alias
        _ => ((sbyte)value).ToString(CultureInfo.InvariantCulture),
    };

    public static string StoredName(Wide value) => value == Wide.Top ? "Top" : ((ulong)value).ToString(CultureInfo.InvariantCulture);

    private static KindCase<T> Case<T>(string column, Func<EveryKind, T> get, Func<EveryKind, T, EveryKind> set, T[] values, Action<T, T>? assertEqual = null) =>
        new KindCase<T>(column, get, set, values, assertEqual);

    private static Action<T?, T?> Nullable<T>(Action<T, T> assertEqual) where T : struct => (sent, back) =>
    {
        Assert.Equal(sent.HasValue, back.HasValue);
        if (sent.HasValue)
            assertEqual(sent.Value, back!.Value);
    };

    private static void SameDecimal(decimal sent, decimal back) =>
        Assert.Equal(sent.ToString(CultureInfo.InvariantCulture), back.ToString(CultureInfo.InvariantCulture)); // the scale too

    private static void SameInstantAsUtc(DateTime sent, DateTime back)
    {
        Assert.Equal(AsStored(sent).Ticks, back.Ticks);
        Assert.Equal(DateTimeKind.Utc, back.Kind);
    }

    private static void SameOffsetAndTicks(DateTimeOffset sent, DateTimeOffset back) =>
        Assert.True(sent.EqualsExact(back), $"sent {sent:O}, read back {back:O}");
}
