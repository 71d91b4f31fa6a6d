using System;
using System.Globalization;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary><c>Half</c>: REAL, widened on write (exactly), narrowed on read; infinities are kept, NaN is refused by SQLite's writer.</summary>
internal sealed class HalfCodec : ColumnCodec
{
    private const double HalfMax = 65504;

    public override string Id => "Half";

    public override string Storage => "Real";

    public override string TypesShown => "Half";

    public override string DefaultsShown => "use a finite number in Half's range (-65504 to 65504)";

    public override bool Accepts(ITypeSymbol type) => Code.IsSystemType(type, "Half");

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) =>
        Code.Number(value) is { } d && Math.Abs(d) <= HalfMax ? Code.Cast(valueType, d.ToString("R", CultureInfo.InvariantCulture) + "D") : null;

    public override string Write(ColumnSpec column, string value) => "writer.Real((double)" + Code.Operand(value) + ")";

    public override string Read(ColumnSpec column) => "(global::System.Half)reader.Real()";
}
