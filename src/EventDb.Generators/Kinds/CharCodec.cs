using EventDb.Generators.Emit;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary>
/// <c>char</c>: VARCHAR of one character. A lone surrogate cannot be stored (UTF-8 has no encoding for it): the writer
/// refuses the row, as it refuses any unpaired surrogate.
/// </summary>
internal sealed class CharCodec : ColumnCodec
{
    public override string Id => "Char";

    public override string Storage => "Text";

    public override string? ConditionColumn => "TextColumn";

    public override string TypesShown => "char";

    public override string DefaultsShown => "use a char or a string of one char, not a lone surrogate";

    public override bool Accepts(ITypeSymbol type) => type.SpecialType == SpecialType.System_Char;

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) => value.Value switch
    {
        char c when !char.IsSurrogate(c) => CSharpLiteral.Char(c),
        string { Length: 1 } s when !char.IsSurrogate(s[0]) => CSharpLiteral.Char(s[0]),
        _ => null,
    };

    public override string Write(ColumnSpec column, string value) => Code.ColumnText + ".WriteChar(ref writer, " + value + ")";

    public override string Read(ColumnSpec column) => Code.ColumnText + ".ParseChar(reader.Utf8())";
}
