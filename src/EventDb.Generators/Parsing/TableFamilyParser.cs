using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EventDb.Generators.Diagnostics;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static EventDb.Generators.Parsing.AttributeLookup;

namespace EventDb.Generators.Parsing;

/// <summary>
/// The joined-table family: the discriminator column an <c>[EventBase]</c> declares, and the base table a child
/// (<c>[EventTable(Base = typeof(...))]</c>) joins. Both reserve names that the struct's own members must not take.
/// </summary>
internal static class TableFamilyParser
{
    /// <summary>The base's discriminator column, reserved against its members; null after reporting an invalid name.</summary>
    public static string? ReserveDiscriminatorColumn(
        AttributeData attribute, AttributeSyntax? attributeSyntax, Location typeLocation, Dictionary<string, string> reserved, List<Diagnostic> diagnostics)
    {
        var discriminatorColumn = DeclaredDiscriminatorColumn(attribute);
        var location = NamedArgumentLocation(attributeSyntax, "Discriminator") ?? typeLocation;
        if (!SqlNaming.IsValidIdentifier(discriminatorColumn))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidColumnName, location, discriminatorColumn ?? "null", "Discriminator"));
            return null;
        }
        if (reserved.TryGetValue(discriminatorColumn!, out var clash))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DuplicateColumn, location, discriminatorColumn, "Discriminator", clash));
            return null;
        }
        reserved[discriminatorColumn!] = "the discriminator column '" + discriminatorColumn + "'";
        return discriminatorColumn;
    }

    /// <summary>
    /// The base table named by <c>Base = typeof(...)</c>, with its columns and member names reserved against the child's
    /// members, and the names of the members copied into the child (with what EVDB016 calls them) in
    /// <paramref name="copiedMembers"/>. Null when there is none, when it is not an <c>[EventBase]</c> struct or a copied
    /// member's type is less accessible than the child (reported here), or when <paramref name="failed"/>: the error is
    /// the compiler's or the base's own, reported there.
    /// </summary>
    public static BaseTableSpec? ResolveBase(
        AttributeData attribute,
        AttributeSyntax? attributeSyntax,
        INamedTypeSymbol child,
        string? tableName,
        Location typeLocation,
        string typeName,
        Dictionary<string, string> reserved,
        HashSet<string> baseMemberNames,
        Dictionary<string, string> copiedMembers,
        List<Diagnostic> diagnostics,
        out bool failed,
        CancellationToken cancellationToken)
    {
        failed = false;
        if (NamedArgument(attribute, "Base") is not { } baseArgument || baseArgument.IsNull)
            return null;

        var baseLocation = NamedArgumentLocation(attributeSyntax, "Base") ?? typeLocation;
        if (baseArgument.Kind == TypedConstantKind.Error || baseArgument.Value is not ITypeSymbol baseSymbol || baseSymbol.TypeKind == TypeKind.Error)
        {
            failed = true; // typeof of a missing type: the compiler reports it
            return null;
        }
        if (baseSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Struct } baseType
            || FindAttribute(baseType, EventTableParser.EventBaseAttribute) is not { } baseAttribute)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidBaseType, baseLocation,
                baseSymbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), typeName));
            return null;
        }

        if (EventTableParser.ParseBaseSpec(baseType, baseAttribute, cancellationToken) is not { } baseTable)
        {
            failed = true; // the base reports its own errors
            return null;
        }
        var baseSpec = new BaseTableSpec(baseTable.FullTypeName, baseTable.HintName, baseTable.TableName, baseTable.DiscriminatorColumn!,
            NamedArgument(attribute, "Discriminator")?.Value as string ?? tableName ?? "", baseTable.Columns);
        if (!CopiesAreAccessible(baseType, child, typeLocation, typeName, diagnostics))
            return null;
        reserved[baseSpec.DiscriminatorColumn] = "the discriminator column '" + baseSpec.DiscriminatorColumn + "' of base table '" + baseSpec.TableName + "'";
        foreach (var column in baseSpec.Columns)
            reserved[column.Column] = "column '" + column.Column + "' of base table '" + baseSpec.TableName + "'";
        var baseName = baseType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        // Only stored members are copied; a child may reuse the name of a base's method or static member.
        foreach (var member in baseType.GetMembers().Where(MemberColumnParser.IsMapped))
        {
            baseMemberNames.Add(member.Name);
            copiedMembers[member.Name] = "the copy of base member '" + member.Name + "' of '" + baseName + "'";
        }
        return baseSpec;
    }

    /// <summary>
    /// Whether every stored base member's type is as accessible as the child, which declares a public copy of the
    /// member (an internal enum in a public child would be CS0053 in the generated file); EVDB019 for each that is not.
    /// </summary>
    private static bool CopiesAreAccessible(INamedTypeSymbol baseType, INamedTypeSymbol child, Location typeLocation, string typeName, List<Diagnostic> diagnostics)
    {
        var ok = true;
        var childAccess = EffectiveAccessibility(child);
        foreach (var member in baseType.GetMembers())
        {
            if (MemberColumnParser.MappedMemberType(member) is not { } memberType)
                continue;
            if (LeastAccessiblePart(memberType) is not { } part || (EffectiveAccessibility(part) >= childAccess && IsVisibleFrom(part, child)))
                continue;
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.BaseMemberTypeLessAccessible, typeLocation, member.Name,
                baseType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                memberType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), typeName));
            ok = false;
        }
        return ok;
    }

    /// <summary>The named type within <paramref name="type"/> (itself, an element or a type argument) that is least accessible.</summary>
    private static INamedTypeSymbol? LeastAccessiblePart(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => LeastAccessiblePart(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Select(LeastAccessiblePart).OfType<INamedTypeSymbol>().Append(named)
            .OrderBy(EffectiveAccessibility).First(),
        _ => null,
    };

    /// <summary>The accessibility a type has where it is used: its own, narrowed by every type that contains it.</summary>
    private static Accessibility EffectiveAccessibility(INamedTypeSymbol type)
    {
        var access = type.DeclaredAccessibility;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.DeclaredAccessibility < access)
                access = outer.DeclaredAccessibility;
        }
        return access;
    }

    /// <summary>A private (or protected) type is usable only inside the type that declares it and that type's nested types.</summary>
    private static bool IsVisibleFrom(INamedTypeSymbol part, INamedTypeSymbol child)
    {
        for (var t = part; t.ContainingType is { } outer; t = outer)
        {
            if (t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal
                && !Contains(outer, child))
                return false;
        }
        return true;

        static bool Contains(INamedTypeSymbol outer, INamedTypeSymbol type)
        {
            for (var t = type.ContainingType; t is not null; t = t.ContainingType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, outer.OriginalDefinition))
                    return true;
            }
            return false;
        }
    }

    private static string? DeclaredDiscriminatorColumn(AttributeData eventBase) =>
        NamedArgument(eventBase, "Discriminator") is { } given ? given.Value as string : "type";
}
