namespace EventDb.Cli.Penguin;

/// <summary>
/// Python's string order: by Unicode code point. Ordinal (UTF-16 unit) order differs only where a surrogate pair (a
/// code point from U+10000) meets a unit from U+E000: such a pair is the greater code point but the smaller unit.
/// </summary>
internal static class CodePoints
{
    public static int Compare(string left, string right)
    {
        int length = Math.Min(left.Length, right.Length);
        for (int i = 0; i < length; i++)
        {
            if (left[i] != right[i])
                return Key(left[i]) - Key(right[i]);
        }
        return left.Length - right.Length;
    }

    // U+E000..U+FFFF move down below the surrogates (U+D800..U+DFFF), which move up to the top.
    private static int Key(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
}
