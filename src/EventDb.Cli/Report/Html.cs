using System.Globalization;
using System.Text;

namespace EventDb.Cli.Report;

/// <summary>
/// Text into the page: every string is HTML-escaped, and characters that would act rather than show (terminal escapes
/// and other control characters, bidirectional overrides, zero-width characters) are written as visible escapes
/// (<c>\x1b</c>, <c>\n</c>, <c>\u202e</c>) marked as such, so a guest's process name or path reads as what it holds.
/// </summary>
internal static class Html
{
    /// <summary>The most characters of one string the page shows: a guest's 1 MB path must not make a 1 MB page.</summary>
    public const int MaxText = 400;

    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>Appends <paramref name="text"/> escaped; in SVG the visible escapes are <c>tspan</c>s, in HTML <c>span</c>s.</summary>
    public static StringBuilder Text(StringBuilder sb, string? text, bool svg = false)
    {
        if (text is null)
            return sb;
        int shown = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (++shown > MaxText)
            {
                sb.Append(svg ? "<tspan class=\"ctl\">" : "<span class=\"ctl\">").Append(Cut(text)).Append(svg ? "</tspan>" : "</span>");
                break;
            }
            int c = rune.Value;
            switch (c)
            {
                case '&': sb.Append("&amp;"); continue;
                case '<': sb.Append("&lt;"); continue;
                case '>': sb.Append("&gt;"); continue;
                case '"': sb.Append("&quot;"); continue;
                case '\'': sb.Append("&#39;"); continue;
            }
            if (Escape(rune) is { } escape)
                sb.Append(svg ? "<tspan class=\"ctl\">" : "<span class=\"ctl\">").Append(escape).Append(svg ? "</tspan>" : "</span>");
            else
                sb.Append(rune.ToString());
        }
        return sb;
    }

    /// <summary><paramref name="text"/> escaped, as a string.</summary>
    public static string Text(string? text) => Text(new StringBuilder(), text).ToString();

    /// <summary>An attribute value: escaped, with any character that would act written as its escape (no markup inside).</summary>
    public static string Attribute(string? text) => Plain(new StringBuilder(), text).ToString();

    /// <summary>Appends <paramref name="text"/> escaped without markup (attributes, SVG titles): escapes as plain characters.</summary>
    public static StringBuilder Plain(StringBuilder sb, string? text)
    {
        int shown = 0;
        foreach (var rune in (text ?? "").EnumerateRunes())
        {
            if (++shown > MaxText)
            {
                sb.Append(Cut(text!));
                break;
            }
            if (Escape(rune) is { } escape)
                sb.Append(escape);
            else if (rune.Value is '&' or '<' or '>' or '"' or '\'')
                sb.Append("&#").Append(rune.Value.ToString(s_invariant)).Append(';');
            else
                sb.Append(rune.ToString());
        }
        return sb;
    }

    /// <summary>What stands for the rest of a string cut at <see cref="MaxText"/> characters.</summary>
    private static string Cut(string text) =>
        string.Create(s_invariant, $"\u2026 (+{text.EnumerateRunes().Count() - MaxText:N0} characters)");

    /// <summary>How a character that would act is shown, or null when it shows as itself.</summary>
    public static string? Escape(Rune rune)
    {
        int c = rune.Value;
        return c switch
        {
            '\t' => "\\t",
            '\n' => "\\n",
            '\r' => "\\r",
            < 0x20 or 0x7F => string.Create(s_invariant, $"\\x{c:x2}"),
            >= 0x80 and <= 0x9F => string.Create(s_invariant, $"\\u{c:x4}"),
            _ when Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse => c <= 0xFFFF ? string.Create(s_invariant, $"\\u{c:x4}") : string.Create(s_invariant, $"\\U{c:x8}"),
            _ => null,
        };
    }

    public static string Count(long n) => n.ToString("N0", s_invariant);

    public static string Signed(long n) => n > 0 ? "+" + Count(n) : n < 0 ? "\u2212" + Count(-n) : "0";

    public static string Percent(long part, long whole) =>
        whole == 0 ? "" : (100.0 * part / whole) switch
        {
            0 => "0%",
            < 0.1 => "<0.1%",
            var p and < 10 => p.ToString("0.0", s_invariant) + "%",
            var p => p.ToString("0", s_invariant) + "%",
        };

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(s_invariant, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(s_invariant, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(s_invariant, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(s_invariant, $"{bytes} B"),
    };

    public static string Number(double value) => value.ToString("0.##", s_invariant);
}
