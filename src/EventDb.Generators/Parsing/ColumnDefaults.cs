using System;
using System.Globalization;
using EventDb.Generators.Emit;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Parsing;

/// <summary>Turns a <c>[Column(Default = ...)]</c> value into the C# literal the emitter stores, or null when it does not fit the member.</summary>
internal static class ColumnDefaults
{
    public static string? Literal(TypedConstant value, ITypeSymbol memberType, ColumnKind kind, string valueType)
    {
        if (value.Kind == TypedConstantKind.Error || value.Kind == TypedConstantKind.Array || value.IsNull)
            return null;
        var raw = value.Value;
        switch (kind)
        {
            case ColumnKind.Text:
                return raw is string s ? CSharpLiteral.String(s) : null;
            case ColumnKind.Bool:
                return raw is bool b ? (b ? "true" : "false") : null;
            case ColumnKind.Double or ColumnKind.Single:
                if (!IsNumeric(raw))
                    return null;
                var d = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
                if (double.IsNaN(d) || double.IsInfinity(d) || (kind == ColumnKind.Single && Math.Abs(d) > float.MaxValue))
                    return null;
                return d.ToString("R", CultureInfo.InvariantCulture) + (kind == ColumnKind.Single ? "F" : "D");
            case ColumnKind.Enum:
                var enumType = (memberType as INamedTypeSymbol)?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                    ? ((INamedTypeSymbol)memberType).TypeArguments[0]
                    : memberType;
                if (value.Kind == TypedConstantKind.Enum && SymbolEqualityComparer.Default.Equals(value.Type, enumType) && IsIntegral(raw))
                    return "((" + valueType + ")(" + Convert.ToString(raw, CultureInfo.InvariantCulture) + "))";
                return null;
            case ColumnKind.Int64 or ColumnKind.UInt64 or ColumnKind.Int128 or ColumnKind.UInt128:
                if (value.Kind == TypedConstantKind.Enum || !IsIntegral(raw))
                    return null;
                var n = Convert.ToDecimal(raw, CultureInfo.InvariantCulture);
                var (min, max) = IntegralRange(memberType, kind);
                if (n < min || n > max)
                    return null;
                return "((" + valueType + ")(" + n.ToString(CultureInfo.InvariantCulture) + (n > long.MaxValue ? "UL" : "") + "))";
            default:
                return null; // BLOBs have no default
        }
    }

    private static (decimal Min, decimal Max) IntegralRange(ITypeSymbol memberType, ColumnKind kind)
    {
        var type = memberType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : memberType;
        return type.SpecialType switch
        {
            SpecialType.System_SByte => (sbyte.MinValue, sbyte.MaxValue),
            SpecialType.System_Byte => (byte.MinValue, byte.MaxValue),
            SpecialType.System_Int16 => (short.MinValue, short.MaxValue),
            SpecialType.System_UInt16 => (ushort.MinValue, ushort.MaxValue),
            SpecialType.System_Int32 or SpecialType.System_IntPtr => (int.MinValue, int.MaxValue),
            SpecialType.System_UInt32 or SpecialType.System_UIntPtr => (uint.MinValue, uint.MaxValue),
            SpecialType.System_Int64 => (long.MinValue, long.MaxValue),
            _ => kind is ColumnKind.Int128 ? (long.MinValue, long.MaxValue) : (0, ulong.MaxValue),
        };
    }

    private static bool IsIntegral(object? value) => value is sbyte or byte or short or ushort or int or uint or long or ulong;

    private static bool IsNumeric(object? value) => IsIntegral(value) || value is float or double;
}
