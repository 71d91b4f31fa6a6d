using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary><c>ReadOnlyMemory&lt;byte&gt;</c>: BLOB, written from its span. No default.</summary>
internal sealed class MemoryCodec : ColumnCodec
{
    public override string Id => "Memory";

    public override string Storage => "Blob";

    public override string TypesShown => "ReadOnlyMemory<byte>";

    public override string DefaultsShown => "a BLOB takes no default";

    public override bool Accepts(ITypeSymbol type) =>
        Code.IsSystemType(type, "ReadOnlyMemory`1") && ((INamedTypeSymbol)type).TypeArguments[0].SpecialType == SpecialType.System_Byte;

    public override string Write(ColumnSpec column, string value) => "writer.Blob(" + Code.Operand(value) + ".Span)";

    // Nullable: the cast keeps `reader.TryNull() ? null : ...` a ReadOnlyMemory<byte>?. Without it the conditional is
    // typed ReadOnlyMemory<byte> (null converts to it through byte[]) and a NULL came back as an empty, non-null value.
    public override string Read(ColumnSpec column) =>
        (column.ColumnNullable ? "(global::System.ReadOnlyMemory<byte>?)" : "") + "new global::System.ReadOnlyMemory<byte>(reader.Blob())";
}
