using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EventDb.Generators.Parsing;

/// <summary>The names the generated source uses for a symbol: escaped identifiers, declared type names, the hint name.</summary>
internal static class GeneratedNames
{
    /// <summary>
    /// The identifier as C# source: <c>@</c> before a keyword, and before a contextual one too (<c>@file</c>,
    /// <c>@record</c>), which some positions of the generated code would otherwise read as a keyword.
    /// </summary>
    public static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    public static string NameWithTypeParameters(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0
            ? EscapeIdentifier(type.Name)
            : EscapeIdentifier(type.Name) + "<" + string.Join(", ", type.TypeParameters.Select(p => EscapeIdentifier(p.Name))) + ">";

    /// <summary>The namespace as a declaration names it, each part escaped; "" for the global namespace.</summary>
    public static string Namespace(INamespaceSymbol? ns)
    {
        var parts = new List<string>();
        for (var n = ns; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace)
            parts.Insert(0, EscapeIdentifier(n.Name));
        return string.Join(".", parts);
    }

    /// <summary>
    /// The fully qualified metadata name (<c>N.Outer`1+Inner</c>): two types of one compilation never share it, and
    /// unlike the display name it tells <c>Ping</c> from <c>PING</c>.
    /// </summary>
    public static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
            name = t.MetadataName + "+" + name;
        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    /// <summary>
    /// <c>{readable}.{hash}.EventTable.g.cs</c>. The readable part keeps ASCII letters, digits, '.' and '_' and makes the
    /// rest '_', so it can repeat (<c>Größe</c> and <c>Grüße</c>; and the compiler compares hint names ignoring case,
    /// <c>Ping</c> and <c>PING</c>); the hash of the exact metadata name keeps the whole name unique.
    /// </summary>
    public static string HintName(INamedTypeSymbol type)
    {
        var metadataName = MetadataName(type);
        var sb = new StringBuilder(metadataName.Length + 40);
        foreach (var c in metadataName.Replace('+', '.'))
            sb.Append(c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' ? c : '_');
        return sb.Append('.').Append(StableHash(metadataName).ToString("x16", CultureInfo.InvariantCulture)).Append(".EventTable.g.cs").ToString();
    }

    /// <summary>FNV-1a over the UTF-16 code units: the same on every machine and run, unlike <c>string.GetHashCode</c>.</summary>
    public static ulong StableHash(string text)
    {
        const ulong Offset = 14695981039346656037, Prime = 1099511628211;
        var hash = Offset;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }
        return hash;
    }
}
