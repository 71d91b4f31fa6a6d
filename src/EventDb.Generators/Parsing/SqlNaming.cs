using System;
using System.Text;

namespace EventDb.Generators.Parsing;

/// <summary>Column naming rules shared by the parser's checks.</summary>
internal static class SqlNaming
{
    /// <summary><c>Arg0Repr</c> -> <c>arg0_repr</c>, <c>HTTPCode</c> -> <c>http_code</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    var prev = name[i - 1];
                    var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if (char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && nextIsLower))
                        sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>[A-Za-z_][A-Za-z0-9_]*, and not in SQLite's reserved <c>sqlite_</c> namespace.</summary>
    public static bool IsValidIdentifier(string? name)
    {
        if (name is null || name.Length == 0)
            return false;
        if (name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase))
            return false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_' || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
                return false;
        }
        return true;
    }
}
