using System;
using System.Globalization;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary>
/// <c>TimeSpan</c>: VARCHAR in the constant format <c>[-][d.]hh:mm:ss[.fffffff]</c>, the text Microsoft.Data.Sqlite
/// writes and reads; every tick kept.
/// </summary>
internal sealed class TimeSpanCodec : ColumnCodec
{
    public override string Id => "TimeSpan";

    public override string Storage => "Text";

    public override string TypesShown => "TimeSpan";

    public override string DefaultsShown => "use a string such as \"01:30:00\" or \"-1.02:03:04.5\"";

    public override bool Accepts(ITypeSymbol type) => Code.IsSystemType(type, "TimeSpan");

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType)
    {
        if (value.Value is not string s || !TimeSpan.TryParseExact(s, "c", CultureInfo.InvariantCulture, out var t))
            return null;
        return t.Ticks % TimeSpan.TicksPerSecond == 0
            ? string.Format(CultureInfo.InvariantCulture, "new global::System.TimeSpan({0}, {1}, {2}, {3})", t.Days, t.Hours, t.Minutes, t.Seconds)
            : "new global::System.TimeSpan(" + t.Ticks.ToString(CultureInfo.InvariantCulture) + "L)";
    }

    public override string Write(ColumnSpec column, string value) => "writer.Formatted(" + value + ", " + Code.ColumnText + ".TimeSpanFormat)";

    public override string Read(ColumnSpec column) => Code.ColumnText + ".ParseTimeSpan(reader.Utf8())";
}
