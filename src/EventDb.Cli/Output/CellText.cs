using System.Globalization;
using System.Text;

namespace EventDb.Cli.Output;

/// <summary>
/// One value as a table cell on one line: integers in decimal, REALs as SQLite prints them, text with <c>\</c>, tab,
/// newline, carriage return (and, on a terminal, other control characters) escaped, a BLOB as an SQL literal
/// <c>x'0a1b'</c>, NULL as the <c>null</c> text given.
/// </summary>
internal static class CellText
{
    public static string Of(object? value, string @null, bool escapeAllControls) => value switch
    {
        null => @null,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => SqliteReal.Format(d),
        byte[] b => "x'" + Convert.ToHexStringLower(b) + "'",
        Literal literal => Escape(literal.Text, escapeAllControls),
        string s => Escape(s, escapeAllControls),
        _ => Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", escapeAllControls),
    };

    public static bool IsNumber(object? value) => value is long or double or Literal { IsNumber: true };

    private static string Escape(string text, bool allControls)
    {
        int first = 0;
        while (first < text.Length && !NeedsEscape(text[first], allControls))
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
                _ when allControls && char.IsControl(c) => sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => sb.Append(c),
            };
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char c, bool allControls) => c is '\\' or '\t' or '\n' or '\r' || (allControls && char.IsControl(c));
}
