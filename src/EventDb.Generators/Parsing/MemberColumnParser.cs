using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EventDb.Generators.Diagnostics;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static EventDb.Generators.Parsing.AttributeLookup;

namespace EventDb.Generators.Parsing;

/// <summary>Walks a struct's members: which ones map, their column names (<c>[Column]</c>, <c>[NotMapped]</c>), and their columns.</summary>
internal static class MemberColumnParser
{
    private const string ColumnAttribute = "EventDb.ColumnAttribute";
    private const string NotMappedAttribute = "EventDb.NotMappedAttribute";

    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The columns of the type's own members in declaration order, or null when a member has an error.</summary>
    public static EquatableArray<ColumnSpec>? ParseMembers(
        INamedTypeSymbol type,
        Dictionary<string, string> reserved,
        HashSet<string> baseMemberNames,
        List<Diagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
        var columns = new List<ColumnSpec>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MappedMemberType(member, out var settable) is not { } memberType)
                continue;

            var location = member.Locations.FirstOrDefault() ?? Location.None;
            var memberName = member.Name;
            if (!settable)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MemberNotSettable, location, memberName));
                ok = false;
            }

            if (!ColumnTypeMapping.TryMapType(memberType, out var kind, out var valueType, out var memberNullable))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedMemberType, location, memberName,
                    memberType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
                ok = false;
                continue;
            }

            var columnAttribute = FindAttribute(member, ColumnAttribute);
            var columnAttributeSyntax = columnAttribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var (columnName, columnLocation) = ColumnName(memberName, location, columnAttribute, columnAttributeSyntax);
            if (!SqlNaming.IsValidIdentifier(columnName))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidColumnName, columnLocation, columnName, memberName));
                ok = false;
                continue;
            }

            if (!CheckColumnUnique(columnName, columnLocation, memberName, location, reserved, seen, baseMemberNames, diagnostics))
                ok = false;
            seen[columnName] = memberName;

            if (!CheckDefault(columnAttribute, columnAttributeSyntax, memberName, location, memberType, kind, valueType, diagnostics, out var defaultLiteral))
                ok = false;

            columns.Add(CreateColumn(memberName, columnName, memberType, kind, valueType, memberNullable, defaultLiteral));
        }
        return ok ? new EquatableArray<ColumnSpec>([.. columns]) : null;
    }

    private static ITypeSymbol? MappedMemberType(ISymbol member, out bool settable)
    {
        settable = false;
        if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public)
            return null;

        ITypeSymbol memberType;
        switch (member)
        {
            case IPropertySymbol { IsIndexer: false, GetMethod: not null } property:
                memberType = property.Type;
                settable = property.SetMethod is not null;
                break;
            case IFieldSymbol { AssociatedSymbol: null, IsConst: false } field:
                memberType = field.Type;
                settable = !field.IsReadOnly;
                break;
            default:
                return null;
        }
        return HasAttribute(member, NotMappedAttribute) ? null : memberType;
    }

    private static (string Name, Location Location) ColumnName(
        string memberName, Location memberLocation, AttributeData? columnAttribute, AttributeSyntax? columnAttributeSyntax)
    {
        if (columnAttribute is { ConstructorArguments.Length: 1 } && columnAttribute.AttributeConstructor is not null)
        {
            return (columnAttribute.ConstructorArguments[0].Value as string ?? "null",
                PositionalArgumentLocation(columnAttributeSyntax) ?? memberLocation);
        }
        return (SqlNaming.ToSnakeCase(memberName), memberLocation);
    }

    private static bool CheckColumnUnique(
        string columnName,
        Location columnLocation,
        string memberName,
        Location memberLocation,
        Dictionary<string, string> reserved,
        Dictionary<string, string> seen,
        HashSet<string> baseMemberNames,
        List<Diagnostic> diagnostics)
    {
        if (reserved.TryGetValue(columnName, out var clash))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DuplicateColumn, columnLocation, columnName, memberName, clash));
            return false;
        }
        if (seen.TryGetValue(columnName, out var otherMember))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DuplicateColumn, columnLocation, columnName, memberName,
                "member '" + otherMember + "' of the same table"));
            return false;
        }
        if (baseMemberNames.Contains(memberName))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DuplicateColumn, memberLocation, columnName, memberName,
                "the base member of the same name, which is generated into this struct"));
            return false;
        }
        return true;
    }

    private static bool CheckDefault(
        AttributeData? columnAttribute,
        AttributeSyntax? columnAttributeSyntax,
        string memberName,
        Location memberLocation,
        ITypeSymbol memberType,
        ColumnKind kind,
        string valueType,
        List<Diagnostic> diagnostics,
        out string? defaultLiteral)
    {
        defaultLiteral = null;
        if (columnAttribute is null || NamedArgument(columnAttribute, "Default") is not { } defaultArgument)
            return true;

        defaultLiteral = ColumnDefaults.Literal(defaultArgument, memberType, kind, valueType);
        if (defaultLiteral is not null)
            return true;

        var shown = defaultArgument.Kind == TypedConstantKind.Error ? "?" : defaultArgument.ToCSharpString();
        diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidDefault,
            NamedArgumentLocation(columnAttributeSyntax, "Default") ?? memberLocation, shown, memberName,
            memberType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
        return false;
    }

    private static ColumnSpec CreateColumn(
        string memberName, string columnName, ITypeSymbol memberType, ColumnKind kind, string valueType, bool memberNullable, string? defaultLiteral)
    {
        var redeclaredType = kind is ColumnKind.Text or ColumnKind.Blob && memberNullable
            ? memberType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_typeFormat) + "?"
            : memberType.ToDisplayString(s_typeFormat);
        return new ColumnSpec(
            GeneratedNames.EscapeIdentifier(memberName),
            columnName,
            kind,
            valueType,
            redeclaredType,
            memberNullable,
            memberNullable && defaultLiteral is null,
            defaultLiteral);
    }
}
