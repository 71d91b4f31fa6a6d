using System.Globalization;
using System.Text;

namespace EventDb.Generators.Emit;

/// <summary>C# literal text; non-ASCII is escaped so generated files are plain ASCII.</summary>
internal static class CSharpLiteral
{
    public static string String(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
            Append(sb, c, '"');
        return sb.Append('"').ToString();
    }

    public static string Char(char value) => Append(new StringBuilder(8).Append('\''), value, '\'').Append('\'').ToString();

    private static StringBuilder Append(StringBuilder sb, char c, char quote)
    {
        switch (c)
        {
            case '\\': return sb.Append("\\\\");
            case '\n': return sb.Append("\\n");
            case '\r': return sb.Append("\\r");
            case '\t': return sb.Append("\\t");
            case '\0': return sb.Append("\\0");
            default:
                if (c == quote)
                    return sb.Append('\\').Append(c);
                if (char.IsControl(c) || char.IsSurrogate(c) || c > '\u007e')
                    return sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                return sb.Append(c);
        }
    }
}
