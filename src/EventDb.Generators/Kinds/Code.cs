using System;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary>Pieces of emitted C# and of default checking that several codecs share.</summary>
internal static class Code
{
    /// <summary>The runtime's text forms and parsers (<c>EventDb.ColumnText</c>).</summary>
    public const string ColumnText = "global::EventDb.ColumnText";

    /// <summary>
    /// <paramref name="value"/> ready to be cast, dotted or tested: a simple name (<c>row.Fd</c>, <c>__fd</c>) as it is,
    /// anything else (<c>row.Fd ?? 5UL</c>) in parentheses. An argument needs no parentheses and does not call this.
    /// </summary>
    public static string Operand(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '.' or '@'))
                return "(" + value + ")";
        }
        return value;
    }

    /// <summary>
    /// The read of an INTEGER into a member of integer type <paramref name="type"/> (a C# keyword), cast to
    /// <paramref name="target"/>: a narrower type reads only values in its range (unsigned ones as stored, their
    /// two's-complement bit pattern), so nothing is truncated on the way.
    /// </summary>
    public static string ReadInteger(string type, string target)
    {
        var read = type switch
        {
            "long" or "ulong" => "reader.Int64()", // every stored integer is one of theirs
            "byte" or "ushort" or "uint" or "nuint" => "reader.UInt64(" + type + ".MaxValue)",
            _ => "reader.Int64(" + type + ".MinValue, " + type + ".MaxValue)",
        };
        return target == "long" ? read : "unchecked((" + target + ")" + read + ")";
    }

    /// <summary>A cast of a literal; a negative literal is parenthesised where <c>(T)-1</c> would parse as a subtraction.</summary>
    public static string Cast(string type, string literal) =>
        "(" + type + ")" + (literal.StartsWith("-", StringComparison.Ordinal) && type.StartsWith("global::", StringComparison.Ordinal) ? "(" + literal + ")" : literal);

    /// <summary>The value of an integer constant that is not an enum member, or null.</summary>
    public static decimal? Integer(TypedConstant value) => value.Kind == TypedConstantKind.Enum ? null : IntegerValue(value.Value);

    /// <summary>The value of a boxed integer of any width, or null.</summary>
    public static decimal? IntegerValue(object? raw) =>
        raw is sbyte or byte or short or ushort or int or uint or long or ulong ? Convert.ToDecimal(raw, CultureInfo.InvariantCulture) : null;

    /// <summary>The value of a finite integer or floating-point constant, or null.</summary>
    public static double? Number(TypedConstant value)
    {
        if (Integer(value) is { } n)
            return (double)n;
        if (value.Value is float or double)
        {
            var d = Convert.ToDouble(value.Value, CultureInfo.InvariantCulture);
            return double.IsNaN(d) || double.IsInfinity(d) ? null : d;
        }
        return null;
    }

    /// <summary>An integer literal of <paramref name="valueType"/>: a suffix where C# has one, a cast where it does not.</summary>
    public static string IntegerLiteral(string valueType, decimal n)
    {
        var digits = n.ToString(CultureInfo.InvariantCulture);
        return valueType switch
        {
            "int" => digits,
            "long" => digits + "L",
            "uint" => digits + "U",
            "ulong" => digits + "UL",
            _ => Cast(valueType, digits + (n > long.MaxValue ? "UL" : "")),
        };
    }

    /// <summary>Whether <paramref name="type"/> is <c>System.</c><paramref name="metadataName"/> (<c>Guid</c>, <c>ReadOnlyMemory`1</c>).</summary>
    public static bool IsSystemType(ITypeSymbol type, string metadataName) =>
        type is INamedTypeSymbol { ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } named
        && named.MetadataName == metadataName;
}
