using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Parsing;

/// <summary>Which C# member types map to a column, and the <see cref="ColumnKind"/> their values travel as.</summary>
internal static class ColumnTypeMapping
{
    public static bool TryMapType(ITypeSymbol type, out ColumnKind kind, out string valueType, out bool nullable)
    {
        var underlying = WithoutNullable(type, out nullable);
        valueType = underlying.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return TryGetKind(underlying, out kind);
    }

    private static ITypeSymbol WithoutNullable(ITypeSymbol type, out bool nullable)
    {
        nullable = false;
        var underlying = type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableType)
        {
            underlying = nullableType.TypeArguments[0];
            nullable = true;
        }
        else if (type.IsReferenceType)
        {
            nullable = type.NullableAnnotation != NullableAnnotation.NotAnnotated;
            underlying = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        }
        return underlying;
    }

    private static bool TryGetKind(ITypeSymbol underlying, out ColumnKind kind)
    {
        kind = default;
        switch (underlying.SpecialType)
        {
            case SpecialType.System_Int64 or SpecialType.System_Int32 or SpecialType.System_Int16
                or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_IntPtr:
                kind = ColumnKind.Int64;
                return true;
            case SpecialType.System_UInt64 or SpecialType.System_UInt32 or SpecialType.System_UInt16 or SpecialType.System_UIntPtr:
                kind = ColumnKind.UInt64;
                return true;
            case SpecialType.System_Boolean:
                kind = ColumnKind.Bool;
                return true;
            case SpecialType.System_Double:
                kind = ColumnKind.Double;
                return true;
            case SpecialType.System_Single:
                kind = ColumnKind.Single;
                return true;
            case SpecialType.System_String:
                kind = ColumnKind.Text;
                return true;
        }
        if (underlying.TypeKind == TypeKind.Enum)
        {
            kind = ColumnKind.Enum;
            return true;
        }
        if (underlying is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            kind = ColumnKind.Blob;
            return true;
        }
        if (underlying is INamedTypeSymbol named && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
        {
            switch (named.MetadataName)
            {
                case "Int128":
                    kind = ColumnKind.Int128;
                    return true;
                case "UInt128":
                    kind = ColumnKind.UInt128;
                    return true;
                case "ReadOnlyMemory`1" when named.TypeArguments[0].SpecialType == SpecialType.System_Byte:
                    kind = ColumnKind.Memory;
                    return true;
            }
        }
        return false;
    }
}
