using System.Globalization;
using System.Text;

namespace EventDb.Penguin.Internals;

/// <summary>
/// Python's f-string formatting of the values Penguin's models print: <c>{x}</c> of an int, a str or <c>None</c>, and
/// <c>{x:#x}</c> of an int. Invariant culture throughout: Python's output does not depend on a locale.
/// </summary>
internal static class PythonFormat
{
    /// <summary><c>str(None)</c>, what <c>{x}</c> prints for a NULL column.</summary>
    public const string None = "None";

    /// <summary><c>{value}</c> of a str: the text itself, or <c>None</c>.</summary>
    public static void AppendStr(StringBuilder sb, string? value) => sb.Append(value ?? None);

    /// <summary><c>{value}</c> of an int: decimal with a leading <c>-</c> when negative.</summary>
    public static void AppendInt(StringBuilder sb, long value) => sb.Append(CultureInfo.InvariantCulture, $"{value}");

    /// <summary><c>{value}</c> of an optional int: decimal, or <c>None</c>.</summary>
    public static void AppendInt(StringBuilder sb, long? value)
    {
        if (value is { } v)
            AppendInt(sb, v);
        else
            sb.Append(None);
    }

    /// <summary>
    /// <c>{value:#x}</c>: lowercase hex after <c>0x</c>; a negative number prints as <c>-0x</c> and its magnitude
    /// (<c>-100</c> is <c>-0x64</c>, <c>long.MinValue</c> is <c>-0x8000000000000000</c>), never as a two's complement.
    /// </summary>
    public static void AppendHex(StringBuilder sb, long value)
    {
        // 0 - (ulong)value is the magnitude for every negative value, long.MinValue included (whose negation overflows).
        ulong magnitude = value < 0 ? unchecked(0UL - (ulong)value) : (ulong)value;
        sb.Append(value < 0 ? "-0x" : "0x").Append(CultureInfo.InvariantCulture, $"{magnitude:x}");
    }
}
