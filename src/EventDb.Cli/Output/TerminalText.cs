using System.Globalization;
using System.Text;

namespace EventDb.Cli.Output;

/// <summary>
/// The one escaping rule for a terminal: what a file holds is shown, never obeyed. A character the terminal would act on
/// (every C0 control but tab and newline, DEL, and the C1 controls U+0080..U+009F, which some terminals take for
/// <c>ESC [</c>) and a byte that is not UTF-8 are written as <c>\xHH</c>: a guest's process name holding
/// <c>ESC ] 0 ; title BEL</c> or <c>ESC [ 2 J</c> can neither retitle nor clear the analyst's terminal. Only the
/// terminal: piped and file output stays byte for byte.
/// </summary>
internal static class TerminalText
{
    /// <summary>A code point a terminal acts on instead of showing it.</summary>
    public static bool Acts(int codePoint) => codePoint < 0x20 ? codePoint is not ('\t' or '\n') : codePoint is >= 0x7F and <= 0x9F;

    /// <summary><paramref name="text"/> with each character a terminal acts on as <c>\xHH</c>; itself when there is none.</summary>
    public static string Escape(string text) => NeedsEscape(text) ? Escaped(text) : text;

    public static bool NeedsEscape(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (Acts(c))
                return true;
        }
        return false;
    }

    public static string Escaped(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (Acts(c))
                AppendEscaped(sb, c);
            else
                sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// UTF-8 bytes (text as a file stores it, possibly not UTF-8) with each character a terminal acts on, and each byte
    /// that is not part of a UTF-8 character, as <c>\xHH</c>; null when there is nothing to escape.
    /// </summary>
    public static byte[]? Escape(ReadOnlySpan<byte> utf8)
    {
        int first = FirstToEscape(utf8);
        if (first < 0)
            return null;
        var sb = new StringBuilder(utf8.Length + 8).Append(Encoding.UTF8.GetString(utf8[..first]));
        var rest = utf8[first..];
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(rest, out var rune, out int length) != System.Buffers.OperationStatus.Done)
            {
                AppendEscaped(sb, rest[0]);
                length = 1;
            }
            else if (Acts(rune.Value))
            {
                AppendEscaped(sb, rune.Value);
            }
            else
            {
                sb.Append(rune.ToString());
            }
            rest = rest[length..];
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static int FirstToEscape(ReadOnlySpan<byte> utf8)
    {
        int i = 0;
        while (i < utf8.Length)
        {
            if (utf8[i] is >= 0x20 and < 0x7F or (byte)'\t' or (byte)'\n')
            {
                i++;
                continue;
            }
            if (Rune.DecodeFromUtf8(utf8[i..], out var rune, out int length) != System.Buffers.OperationStatus.Done || Acts(rune.Value))
                return i;
            i += length;
        }
        return -1;
    }

    /// <summary>Appends <paramref name="value"/> (a character or a byte) as <c>\\xHH</c>.</summary>
    public static StringBuilder AppendEscaped(StringBuilder sb, int value) => sb.Append(CultureInfo.InvariantCulture, $"\\x{value:x2}");
}
