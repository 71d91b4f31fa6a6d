using System;
using System.Globalization;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary>
/// <c>DateTimeOffset</c>: VARCHAR <c>yyyy-MM-dd HH:mm:ss.fffffff+hh:mm</c>, the local time and its offset
/// (<c>EventDb.Metadata.ColumnText.DateTimeOffsetFormat</c>), every tick and the offset kept.
/// </summary>
internal sealed class DateTimeOffsetCodec : ColumnCodec
{
    private static readonly string[] s_forms =
        ["yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd"];

    public override string Id => "DateTimeOffset";

    public override string Storage => "Text";

    public override string TypesShown => "DateTimeOffset";

    public override string DefaultsShown => "use a date string such as \"2024-01-31 12:00:00+02:00\"";

    public override bool Accepts(ITypeSymbol type) => Code.IsSystemType(type, "DateTimeOffset");

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType)
    {
        if (value.Value is not string s
            || !DateTimeOffset.TryParseExact(s, s_forms, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d))
        {
            return null;
        }
        var offset = string.Format(CultureInfo.InvariantCulture, "new global::System.TimeSpan({0}, {1}, 0)", d.Offset.Hours, d.Offset.Minutes);
        return DateTimeCodec.Literal("DateTimeOffset", d.DateTime, offset);
    }

    public override string Write(ColumnSpec column, string value) => "writer.Formatted(" + value + ", " + Code.ColumnText + ".DateTimeOffsetFormat)";

    public override string Read(ColumnSpec column) => Code.ColumnText + ".ParseDateTimeOffset(reader.Utf8())";
}
