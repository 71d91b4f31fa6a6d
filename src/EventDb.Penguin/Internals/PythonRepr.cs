using System.Text;

namespace EventDb.Penguin.Internals;

/// <summary>Python's <c>repr(bytes)</c>, the form in which Penguin prints a read or write buffer.</summary>
internal static class PythonRepr
{
    private const string HexDigits = "0123456789abcdef";

    /// <summary>
    /// Appends <c>repr(value)</c> as CPython writes it: <c>b</c>, a quote, the body, the same quote. The quote is
    /// <c>"</c> when the bytes contain <c>'</c> but no <c>"</c>, else <c>'</c>. In the body a backslash and the chosen
    /// quote are escaped with a backslash, tab, newline and carriage return print as <c>\t</c>, <c>\n</c>, <c>\r</c>,
    /// every other byte below 0x20 or from 0x7f up as <c>\xhh</c> (lowercase), and printable ASCII as itself.
    /// Nothing is truncated.
    /// </summary>
    public static void AppendBytes(StringBuilder sb, ReadOnlySpan<byte> value)
    {
        char quote = value.Contains((byte)'\'') && !value.Contains((byte)'"') ? '"' : '\'';
        sb.EnsureCapacity(sb.Length + value.Length + 3);
        sb.Append('b').Append(quote);
        foreach (byte b in value)
        {
            char c = (char)b;
            if (c == quote || c == '\\')
                sb.Append('\\').Append(c);
            else if (c == '\t')
                sb.Append("\\t");
            else if (c == '\n')
                sb.Append("\\n");
            else if (c == '\r')
                sb.Append("\\r");
            else if (b < 0x20 || b >= 0x7f)
                sb.Append("\\x").Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xf]);
            else
                sb.Append(c);
        }
        sb.Append(quote);
    }
}
