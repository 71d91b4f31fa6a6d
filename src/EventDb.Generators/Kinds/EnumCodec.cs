using System.Globalization;
using System.Linq;
using EventDb.Generators.Model;
using EventDb.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary>Any enum: INTEGER, its underlying value (by name with AsText: <see cref="EnumNameCodec"/>).</summary>
internal sealed class EnumCodec : ColumnCodec
{
    public override string Id => "Enum";

    public override string Storage => "Integer";

    public override string TypesShown => "an enum";

    public override string DefaultsShown => "use a value of the member's enum";

    public override bool Accepts(ITypeSymbol type) => type.TypeKind == TypeKind.Enum;

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) => Literal(value, type, valueType);

    public override string Write(ColumnSpec column, string value) => "writer.Int64(unchecked((long)" + Code.Operand(value) + "))";

    public override EnumSpec Describe(ITypeSymbol type) => EnumNameCodec.DescribeEnum(type);

    public override string Read(ColumnSpec column) => Code.ReadInteger(column.Enum!.UnderlyingType, column.ValueType);

    /// <summary>A value of the enum itself as C#: its member (<c>global::N.Kind.B</c>), or a cast when no member has it.</summary>
    public static string? Literal(TypedConstant value, ITypeSymbol type, string valueType)
    {
        if (value.Kind != TypedConstantKind.Enum || !SymbolEqualityComparer.Default.Equals(value.Type, type) || Code.IntegerValue(value.Value) is not { } n)
            return null;
        var member = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value));
        return member is not null
            ? valueType + "." + GeneratedNames.EscapeIdentifier(member.Name)
            : Code.Cast(valueType, n.ToString(CultureInfo.InvariantCulture));
    }
}
