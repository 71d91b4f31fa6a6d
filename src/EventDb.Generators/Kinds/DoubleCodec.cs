using System.Globalization;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary><c>double</c>: REAL.</summary>
internal sealed class DoubleCodec : ColumnCodec
{
    public override string Id => "Double";

    public override string Storage => "Real";

    public override string TypesShown => "double";

    public override string DefaultsShown => "use a finite number";

    public override bool Accepts(ITypeSymbol type) => type.SpecialType == SpecialType.System_Double;

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) =>
        Code.Number(value) is { } d ? d.ToString("R", CultureInfo.InvariantCulture) + "D" : null;

    public override string Write(ColumnSpec column, string value) => "writer.Real(" + value + ")";

    public override string Read(ColumnSpec column) => "reader.Real()";
}
