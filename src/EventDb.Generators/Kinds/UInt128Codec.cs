using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary><c>UInt128</c>: INTEGER, the low 64 bits, wrapped like <c>ulong</c>.</summary>
internal sealed class UInt128Codec : ColumnCodec
{
    public override string Id => "UInt128";

    public override string Storage => "Integer";

    public override string? ConditionColumn => "UInt64Column";

    public override string TypesShown => "UInt128";

    public override string DefaultsShown => "use an integer in ulong's range";

    public override bool Accepts(ITypeSymbol type) => Code.IsSystemType(type, "UInt128");

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) =>
        Code.Integer(value) is { } n && n >= 0 && n <= ulong.MaxValue ? Code.IntegerLiteral(valueType, n) : null;

    public override string Write(ColumnSpec column, string value) => "writer.Int64(unchecked((long)(ulong)" + Code.Operand(value) + "))";

    public override string Read(ColumnSpec column) => "(global::System.UInt128)unchecked((ulong)reader.Int64())";
}
