using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary><c>long int short sbyte byte nint</c>: INTEGER, widened on write, narrowed on read.</summary>
internal sealed class SignedIntegerCodec : ColumnCodec
{
    public override string Id => "SignedInteger";

    public override string Storage => "Integer";

    public override string TypesShown => "long, int, short, sbyte, byte, nint";

    public override string DefaultsShown => "use an integer in the type's range";

    public override bool Accepts(ITypeSymbol type) => Range(type) is not null;

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) =>
        Code.Integer(value) is { } n && Range(type) is var (min, max) && n >= min && n <= max ? Code.IntegerLiteral(valueType, n) : null;

    public override string Write(ColumnSpec column, string value) => "writer.Int64(" + value + ")";

    public override string Read(ColumnSpec column) => Code.ReadInteger(column.ValueType, column.ValueType);

    private static (decimal Min, decimal Max)? Range(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Int64 => (long.MinValue, long.MaxValue),
        SpecialType.System_Int32 or SpecialType.System_IntPtr => (int.MinValue, int.MaxValue),
        SpecialType.System_Int16 => (short.MinValue, short.MaxValue),
        SpecialType.System_SByte => (sbyte.MinValue, sbyte.MaxValue),
        SpecialType.System_Byte => (byte.MinValue, byte.MaxValue),
        _ => null,
    };
}
