using EventDb.Generators.Emit;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary><c>string</c>: VARCHAR, UTF-8.</summary>
internal sealed class StringCodec : ColumnCodec
{
    public override string Id => "String";

    public override string Storage => "Text";

    public override string? ConditionColumn => "TextColumn";

    public override string TypesShown => "string";

    public override string DefaultsShown => "use a string";

    public override bool IsReference => true;

    public override bool Accepts(ITypeSymbol type) => type.SpecialType == SpecialType.System_String;

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) =>
        value.Value is string s ? CSharpLiteral.String(s) : null;

    public override string Write(ColumnSpec column, string value) => "writer.Text(" + value + ")";

    public override string Read(ColumnSpec column) => "reader.Text()";
}
