using System;
using System.Collections.Generic;
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
        if (!SqlNaming.IsValidIdentifier(discriminatorColumn))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidColumnName,
                NamedArgumentLocation(attributeSyntax, "Discriminator") ?? typeLocation, discriminatorColumn ?? "null", "Discriminator"));
            return null;
        }
        reserved[discriminatorColumn!] = "the discriminator column '" + discriminatorColumn + "'";
        return discriminatorColumn;
    }

    /// <summary>
    /// The base table named by <c>Base = typeof(...)</c>, with its columns and member names reserved against the child's
    /// members. Null when there is none, when it is not an <c>[EventBase]</c> struct (reported here), or when
    /// <paramref name="failed"/>: the error is the compiler's or the base's own, reported there.
    /// </summary>
    public static BaseTableSpec? ResolveBase(
        AttributeData attribute,
        AttributeSyntax? attributeSyntax,
        string? tableName,
        Location typeLocation,
        string typeName,
        Dictionary<string, string> reserved,
        HashSet<string> baseMemberNames,
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

        var baseSpec = ParseBaseTable(baseType, baseAttribute, tableName, NamedArgument(attribute, "Discriminator")?.Value as string, cancellationToken);
        if (baseSpec is null)
        {
            failed = true; // the base reports its own errors
            return null;
        }
        reserved[baseSpec.DiscriminatorColumn] = "the discriminator column '" + baseSpec.DiscriminatorColumn + "' of base table '" + baseSpec.TableName + "'";
        foreach (var column in baseSpec.Columns)
            reserved[column.Column] = "column '" + column.Column + "' of base table '" + baseSpec.TableName + "'";
        foreach (var member in baseType.GetMembers())
            baseMemberNames.Add(member.Name);
        return baseSpec;
    }

    private static BaseTableSpec? ParseBaseTable(INamedTypeSymbol baseType, AttributeData baseAttribute, string? childTable, string? discriminator, CancellationToken cancellationToken)
    {
        if (baseAttribute.ConstructorArguments.Length != 1 || baseAttribute.ConstructorArguments[0].Value is not string baseTable || !SqlNaming.IsValidIdentifier(baseTable))
            return null;
        var discriminatorColumn = DeclaredDiscriminatorColumn(baseAttribute);
        if (!SqlNaming.IsValidIdentifier(discriminatorColumn))
            return null;
        var reserved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [EventTableParser.IdColumn] = "id",
            [discriminatorColumn!] = "discriminator",
        };
        var diagnostics = new List<Diagnostic>();
        var columns = MemberColumnParser.ParseMembers(baseType, reserved, new HashSet<string>(), diagnostics, cancellationToken);
        if (columns is null || diagnostics.Count > 0)
            return null;
        return new BaseTableSpec(
            baseType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            baseTable,
            discriminatorColumn!,
            discriminator ?? childTable ?? "",
            columns.Value);
    }

    private static string? DeclaredDiscriminatorColumn(AttributeData eventBase) =>
        NamedArgument(eventBase, "Discriminator") is { } given ? given.Value as string : "type";
}
