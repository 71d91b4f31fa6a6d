using System;
using System.Globalization;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary>
/// <c>decimal</c>: VARCHAR, every digit and the scale in invariant text (<c>-12.50</c>). Declared VARCHAR, not NUMERIC:
/// NUMERIC affinity would turn the text into a REAL and lose digits past the 15th.
/// </summary>
internal sealed class DecimalCodec : ColumnCodec
{
    public override string Id => "Decimal";

    public override string Storage => "Text";

    public override string TypesShown => "decimal";

    public override string DefaultsShown => "use an integer, a finite number or a string such as \"12.50\"";

    public override bool Accepts(ITypeSymbol type) => type.SpecialType == SpecialType.System_Decimal;

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType)
    {
        decimal d;
        if (Code.Integer(value) is { } n)
            d = n;
        else if (value.Value is string s && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            d = parsed;
        else if (Code.Number(value) is { } x && Math.Abs(x) < 7.9e28)
            d = (decimal)x;
        else
            return null;
        return d.ToString(CultureInfo.InvariantCulture) + "m";
    }

    public override string Write(ColumnSpec column, string value) => "writer.Formatted(" + value + ", default)";

    public override string Read(ColumnSpec column) => Code.ColumnText + ".ParseDecimal(reader.Utf8())";
}
