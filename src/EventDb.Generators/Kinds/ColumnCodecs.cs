using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary>Every column kind EventDb stores. A new kind is one codec class and one line here.</summary>
internal static class ColumnCodecs
{
    /// <summary>The codecs, tried in this order: the first that accepts a member's type stores it.</summary>
    public static readonly ColumnCodec[] All =
    [
        new SignedIntegerCodec(),
        new UnsignedIntegerCodec(),
        new Int128Codec(),
        new UInt128Codec(),
        new BoolCodec(),
        new EnumCodec(),
        new EnumNameCodec(),
        new DoubleCodec(),
        new SingleCodec(),
        new HalfCodec(),
        new DecimalCodec(),
        new CharCodec(),
        new StringCodec(),
        new DateTimeCodec(),
        new DateTimeOffsetCodec(),
        new TimeSpanCodec(),
        new GuidCodec(),
        new ByteArrayCodec(),
        new MemoryCodec(),
    ];

    private static readonly Dictionary<string, ColumnCodec> s_byId = All.ToDictionary(c => c.Id);

    /// <summary>The member types EVDB004 suggests: <c>long, int, ..., or ReadOnlyMemory&lt;byte&gt;</c>.</summary>
    public static readonly string TypesShown = JoinWithOr([.. All.Select(c => c.TypesShown).OfType<string>()]);

    /// <summary>The codec the model names.</summary>
    public static ColumnCodec Get(string id) => s_byId[id];

    /// <summary>The codec that stores a member of <paramref name="type"/> (without <c>?</c>), or null.</summary>
    /// <param name="type">The member type.</param>
    /// <param name="asText">Whether the member has <c>[Column(AsText = true)]</c>.</param>
    public static ColumnCodec? Find(ITypeSymbol type, bool asText) => All.FirstOrDefault(c => c.AsText == asText && c.Accepts(type));

    private static string JoinWithOr(string[] items) =>
        items.Length < 2 ? string.Concat(items) : string.Join(", ", items, 0, items.Length - 1) + " or " + items[items.Length - 1];
}
