using System;
using System.Globalization;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary><c>float</c>: REAL, widened on write (exactly), narrowed on read.</summary>
internal sealed class SingleCodec : ColumnCodec
{
    public override string Id => "Single";

    public override string Storage => "Real";

    public override string TypesShown => "float";

    public override string DefaultsShown => "use a finite number in float's range";

    public override bool Accepts(ITypeSymbol type) => type.SpecialType == SpecialType.System_Single;

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) =>
        Code.Number(value) is { } d && Math.Abs(d) <= float.MaxValue ? d.ToString("R", CultureInfo.InvariantCulture) + "F" : null;

    public override string Write(ColumnSpec column, string value) => "writer.Real(" + value + ")";

    public override string Read(ColumnSpec column) => "(float)reader.Real()";
}
