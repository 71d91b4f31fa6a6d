using System.Globalization;
using System.Text;

namespace EventDb.Cli.Output;

/// <summary>
/// One value as a table cell on one line: integers in decimal, REALs as SQLite prints them, text with <c>\</c>, tab,
/// newline and carriage return escaped (and, on a terminal, what <see cref="TerminalText"/> escapes, before the cell is
/// measured), a BLOB as an SQL literal <c>x'0a1b'</c>, NULL as the <c>null</c> text given.
/// </summary>
internal static class CellText
{
    public static string Of(object? value, string @null, bool onTerminal) => value switch
    {
        null => @null,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => SqliteReal.Format(d),
        byte[] b => "x'" + Convert.ToHexStringLower(b) + "'",
        Literal literal => Escape(literal.Text, onTerminal),
        string s => Escape(s, onTerminal),
        _ => Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", onTerminal),
    };

    public static bool IsNumber(object? value) => value is long or double or Literal { IsNumber: true };

    private static string Escape(string text, bool onTerminal)
    {
        int first = 0;
        while (first < text.Length && !NeedsEscape(text[first], onTerminal))
            first++;
        if (first == text.Length)
            return text;
        var sb = new StringBuilder(text.Length + 8).Append(text, 0, first);
        foreach (char c in text.AsSpan(first))
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '\t' => sb.Append(@"\t"),
                '\n' => sb.Append(@"\n"),
                '\r' => sb.Append(@"\r"),
                _ when onTerminal && TerminalText.Acts(c) => TerminalText.AppendEscaped(sb, c),
                _ => sb.Append(c),
            };
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char c, bool onTerminal) => c is '\\' or '\t' or '\n' or '\r' || (onTerminal && TerminalText.Acts(c));
}
