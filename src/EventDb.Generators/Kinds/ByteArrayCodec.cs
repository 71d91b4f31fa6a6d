using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary><c>byte[]</c>: BLOB; an empty array is an empty BLOB, not NULL. No default.</summary>
internal sealed class ByteArrayCodec : ColumnCodec
{
    public override string Id => "ByteArray";

    public override string Storage => "Blob";

    public override string TypesShown => "byte[]";

    public override string DefaultsShown => "a BLOB takes no default";

    public override bool IsReference => true;

    public override bool Accepts(ITypeSymbol type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte };

    public override string Write(ColumnSpec column, string value) => "writer.Blob(" + value + ")";

    public override string Read(ColumnSpec column) => "reader.Blob()";
}
