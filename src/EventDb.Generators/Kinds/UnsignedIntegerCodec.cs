using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary><c>ulong uint ushort nuint</c>: INTEGER, two's-complement wrapped (<c>ulong.MaxValue</c> is stored as -1).</summary>
internal sealed class UnsignedIntegerCodec : ColumnCodec
{
    public override string Id => "UnsignedInteger";

    public override string Storage => "Integer";

    public override string? ConditionColumn => "UInt64Column";

    public override string TypesShown => "ulong, uint, ushort, nuint";

    public override string DefaultsShown => "use an integer in the type's range";

    public override bool Accepts(ITypeSymbol type) => Max(type) is not null;

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) =>
        Code.Integer(value) is { } n && n >= 0 && n <= Max(type) ? Code.IntegerLiteral(valueType, n) : null;

    public override string Write(ColumnSpec column, string value) => "writer.Int64(unchecked((long)" + Code.Operand(value) + "))";

    public override string Read(ColumnSpec column) => Code.ReadInteger(column.ValueType, column.ValueType);

    // nuint's range depends on the platform; a default must fit the smallest.
    private static decimal? Max(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_UInt64 => ulong.MaxValue,
        SpecialType.System_UInt32 or SpecialType.System_UIntPtr => uint.MaxValue,
        SpecialType.System_UInt16 => ushort.MaxValue,
        _ => null,
    };
}
