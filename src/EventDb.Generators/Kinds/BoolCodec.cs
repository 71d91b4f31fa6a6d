using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary><c>bool</c>: INTEGER 1 or 0.</summary>
internal sealed class BoolCodec : ColumnCodec
{
    public override string Id => "Bool";

    public override string Storage => "Integer";

    public override string TypesShown => "bool";

    public override string DefaultsShown => "use true or false";

    public override bool Accepts(ITypeSymbol type) => type.SpecialType == SpecialType.System_Boolean;

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) =>
        value.Value is bool b ? (b ? "true" : "false") : null;

    public override string Write(ColumnSpec column, string value) => "writer.Int64(" + Code.Operand(value) + " ? 1L : 0L)";

    public override string Read(ColumnSpec column) => "reader.Int64(0, 1) != 0";
}
