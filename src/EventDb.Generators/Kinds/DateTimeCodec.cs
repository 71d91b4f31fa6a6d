using System;
using System.Globalization;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary>
/// <c>DateTime</c>: VARCHAR <c>yyyy-MM-dd HH:mm:ss.fffffff</c> in UTC (<c>EventDb.Metadata.ColumnText.DateTimeFormat</c>): a local
/// time is converted, an unspecified one taken as UTC; read back with <c>DateTimeKind.Utc</c>, every tick kept.
/// </summary>
internal sealed class DateTimeCodec : ColumnCodec
{
    // The forms a default may take: those ColumnText.ParseDateTime reads.
    private static readonly string[] s_forms = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd"];

    public override string Id => "DateTime";

    public override string Storage => "Text";

    public override string TypesShown => "DateTime";

    public override string DefaultsShown => "use a UTC date string such as \"2024-01-31 12:00:00\"";

    public override bool Accepts(ITypeSymbol type) => type.SpecialType == SpecialType.System_DateTime;

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) =>
        value.Value is string s && DateTime.TryParseExact(s, s_forms, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? Literal("DateTime", d, "global::System.DateTimeKind.Utc")
            : null;

    public override string Write(ColumnSpec column, string value) =>
        "writer.Formatted(" + Code.ColumnText + ".Utc(" + value + "), " + Code.ColumnText + ".DateTimeFormat)";

    public override string Read(ColumnSpec column) => Code.ColumnText + ".ParseDateTime(reader.Utf8())";

    /// <summary><c>new global::System.DateTime(y, M, d, h, m, s, last)</c> (or DateTimeOffset), plus <c>.AddTicks(n)</c> for a fraction of a second.</summary>
    public static string Literal(string type, DateTime d, string last)
    {
        var ticks = d.Ticks % TimeSpan.TicksPerSecond;
        return string.Format(CultureInfo.InvariantCulture, "new global::System.{0}({1}, {2}, {3}, {4}, {5}, {6}, {7}){8}",
            type, d.Year, d.Month, d.Day, d.Hour, d.Minute, d.Second, last,
            ticks == 0 ? "" : ".AddTicks(" + ticks.ToString(CultureInfo.InvariantCulture) + ")");
    }
}
