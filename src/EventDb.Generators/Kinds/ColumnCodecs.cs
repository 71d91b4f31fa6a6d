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
        new DoubleCodec(),
        new SingleCodec(),
        new StringCodec(),
        new ByteArrayCodec(),
        new MemoryCodec(),
    ];

    private static readonly Dictionary<string, ColumnCodec> s_byId = All.ToDictionary(c => c.Id);

    /// <summary>The member types EVDB004 suggests: <c>long, int, ..., or ReadOnlyMemory&lt;byte&gt;</c>.</summary>
    public static readonly string TypesShown = JoinWithOr([.. All.Select(c => c.TypesShown)]);

    /// <summary>The codec the model names.</summary>
    public static ColumnCodec Get(string id) => s_byId[id];

    /// <summary>The codec that stores a member of <paramref name="type"/> (without <c>?</c>), or null.</summary>
    public static ColumnCodec? Find(ITypeSymbol type) => All.FirstOrDefault(c => c.Accepts(type));

    private static string JoinWithOr(string[] items) =>
        items.Length < 2 ? string.Concat(items) : string.Join(", ", items, 0, items.Length - 1) + " or " + items[items.Length - 1];
}
