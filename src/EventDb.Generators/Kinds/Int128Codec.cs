using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary><c>Int128</c>: INTEGER, the low 64 bits (as Penguin masks oversized ints).</summary>
internal sealed class Int128Codec : ColumnCodec
{
    public override string Id => "Int128";

    public override string Storage => "Integer";

    public override string TypesShown => "Int128";

    public override string DefaultsShown => "use an integer in long's range";

    public override bool Accepts(ITypeSymbol type) => Code.IsSystemType(type, "Int128");

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) =>
        Code.Integer(value) is { } n && n >= long.MinValue && n <= long.MaxValue ? Code.IntegerLiteral(valueType, n) : null;

    public override string Write(ColumnSpec column, string value) => "writer.Int64(unchecked((long)" + Code.Operand(value) + "))";

    public override string Read(ColumnSpec column) => "(global::System.Int128)reader.Int64()";
}
