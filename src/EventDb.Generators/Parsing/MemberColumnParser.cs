using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EventDb.Generators.Diagnostics;
using EventDb.Generators.Kinds;
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

    /// <summary>
    /// The columns of the type's own members in declaration order, or null when a member has an error. With
    /// <paramref name="readsRows"/> (a table, whose generated code builds the struct from rows; not a base) every
    /// required member must be stored (EVDB017).
    /// </summary>
    public static EquatableArray<ColumnSpec>? ParseMembers(
        INamedTypeSymbol type,
        Dictionary<string, string> reserved,
        HashSet<string> baseMemberNames,
        List<Diagnostic> diagnostics,
        bool readsRows,
        CancellationToken cancellationToken)
    {
        var walk = new MemberWalk(reserved, baseMemberNames, diagnostics, cancellationToken);
        var columns = new List<ColumnSpec>();
        var ok = true;
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MappedMemberType(member, out var settable) is not { } memberType)
            {
                if (readsRows && IsRequired(member))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.RequiredMemberNotMapped, member.Locations.FirstOrDefault() ?? Location.None,
                        member.Name, WhyNotMapped(member), type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
                    ok = false;
                }
                continue;
            }
            if (readsRows && ErrorToUse(member) is { } error)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MemberUnusable, member.Locations.FirstOrDefault() ?? Location.None, member.Name, error));
                ok = false;
            }
            if (ParseMember(member, memberType, settable, walk) is { } column)
                columns.Add(column);
            else
                ok = false;
        }
        return ok ? new EquatableArray<ColumnSpec>([.. columns]) : null;
    }

    /// <summary>One member's column, or null (with its diagnostics reported) when something about it is wrong.</summary>
    private static ColumnSpec? ParseMember(ISymbol member, ITypeSymbol memberType, bool settable, MemberWalk walk)
    {
        var location = member.Locations.FirstOrDefault() ?? Location.None;
        var ok = settable;
        if (!settable)
            walk.Diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MemberNotSettable, location, member.Name));

        var columnAttribute = FindAttribute(member, ColumnAttribute);
        var columnAttributeSyntax = columnAttribute?.ApplicationSyntaxReference?.GetSyntax(walk.CancellationToken) as AttributeSyntax;
        var valueType = WithoutNullable(memberType, out var memberNullable);
        if (FindCodec(member.Name, location, memberType, valueType, columnAttribute, columnAttributeSyntax, walk.Diagnostics) is not { } codec)
            return null;

        var (columnName, columnLocation) = ColumnName(member.Name, location, columnAttribute, columnAttributeSyntax);
        if (!SqlNaming.IsValidIdentifier(columnName))
        {
            walk.Diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidColumnName, columnLocation, columnName, member.Name));
            return null;
        }
        ok &= CheckColumnUnique(columnName, columnLocation, member.Name, location, walk);
        walk.Seen[columnName] = member.Name;

        ok &= CheckDefault(columnAttribute, columnAttributeSyntax, member.Name, location, memberType, valueType, codec, walk.Diagnostics, out var defaultLiteral);
        return ok ? CreateColumn(member.Name, columnName, memberType, valueType, codec, memberNullable, defaultLiteral) : null;
    }

    /// <summary>The codec that stores the member; EVDB004 (no codec takes the type) or EVDB014 (AsText does not apply) otherwise.</summary>
    private static ColumnCodec? FindCodec(
        string memberName,
        Location location,
        ITypeSymbol memberType,
        ITypeSymbol valueType,
        AttributeData? columnAttribute,
        AttributeSyntax? columnAttributeSyntax,
        List<Diagnostic> diagnostics)
    {
        var asText = columnAttribute is not null && NamedArgument(columnAttribute, "AsText") is { Value: true };
        if (ColumnCodecs.Find(valueType, asText) is { } codec)
            return codec;
        var shown = memberType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        if (asText)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.AsTextNotApplicable,
                NamedArgumentLocation(columnAttributeSyntax, "AsText") ?? location, memberName,
                EnumNameCodec.Refusal(valueType, valueType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat))));
        }
        else
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedMemberType, location, memberName, shown, ColumnCodecs.TypesShown));
        }
        return null;
    }

    /// <summary>The type a value has once null is ruled out: <c>T</c> for <c>T?</c>, the unannotated reference type.</summary>
    private static ITypeSymbol WithoutNullable(ITypeSymbol type, out bool nullable)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableType)
        {
            nullable = true;
            return nullableType.TypeArguments[0];
        }
        nullable = type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.NotAnnotated;
        return type.IsReferenceType ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : type;
    }

    /// <summary>Whether EventDb stores the member (whatever else may be wrong with it).</summary>
    public static bool IsMapped(ISymbol member) => MappedMemberType(member, out _) is not null;

    /// <summary>The declared type of a member EventDb stores, or null for one it leaves out.</summary>
    public static ITypeSymbol? MappedMemberType(ISymbol member) => MappedMemberType(member, out _);

    /// <summary>
    /// Why using the member is an error wherever its own type is not (<c>[Obsolete(..., true)]</c>, <c>[Experimental]</c>),
    /// or null. The generated code of a table reads and writes it; a base's members are only copied.
    /// </summary>
    private static string? ErrorToUse(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case "System.ObsoleteAttribute" when attribute.ConstructorArguments.Length == 2 && attribute.ConstructorArguments[1].Value is true:
                    return "[Obsolete] as an error";
                case "System.Diagnostics.CodeAnalysis.ExperimentalAttribute":
                    return "[Experimental]";
            }
        }
        return null;
    }

    private static bool IsRequired(ISymbol member) => member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true };

    private static string WhyNotMapped(ISymbol member) =>
        HasAttribute(member, NotMappedAttribute) ? "it is marked [NotMapped]" : "it is not public";

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

    private static bool CheckColumnUnique(string columnName, Location columnLocation, string memberName, Location memberLocation, MemberWalk walk)
    {
        if (walk.Reserved.TryGetValue(columnName, out var clash))
        {
            walk.Diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DuplicateColumn, columnLocation, columnName, memberName, clash));
            return false;
        }
        if (walk.Seen.TryGetValue(columnName, out var otherMember))
        {
            walk.Diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DuplicateColumn, columnLocation, columnName, memberName,
                "member '" + otherMember + "' of the same table"));
            return false;
        }
        if (walk.BaseMemberNames.Contains(memberName))
        {
            walk.Diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DuplicateColumn, memberLocation, columnName, memberName,
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
        ITypeSymbol valueType,
        ColumnCodec codec,
        List<Diagnostic> diagnostics,
        out string? defaultLiteral)
    {
        defaultLiteral = null;
        if (columnAttribute is null || NamedArgument(columnAttribute, "Default") is not { } value)
            return true;

        if (value.Kind is not (TypedConstantKind.Error or TypedConstantKind.Array) && !value.IsNull)
        {
            defaultLiteral = codec.DefaultLiteral(value, valueType, valueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
            if (defaultLiteral is not null)
                return true;
        }

        var shown = value.Kind == TypedConstantKind.Error ? "?" : value.ToCSharpString();
        diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidDefault,
            NamedArgumentLocation(columnAttributeSyntax, "Default") ?? memberLocation, shown, memberName,
            memberType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), codec.DefaultsShown));
        return false;
    }

    private static ColumnSpec CreateColumn(
        string memberName, string columnName, ITypeSymbol memberType, ITypeSymbol valueType, ColumnCodec codec, bool memberNullable, string? defaultLiteral)
    {
        var redeclaredType = codec.IsReference && memberNullable
            ? memberType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_typeFormat) + "?"
            : memberType.ToDisplayString(s_typeFormat);
        return new ColumnSpec(
            GeneratedNames.EscapeIdentifier(memberName),
            columnName,
            codec.Id,
            valueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            redeclaredType,
            memberNullable,
            memberNullable && defaultLiteral is null,
            defaultLiteral,
            codec.Describe(valueType));
    }

    /// <summary>What the walk over one struct's members shares: names taken so far and where diagnostics go.</summary>
    private sealed class MemberWalk(
        Dictionary<string, string> reserved, HashSet<string> baseMemberNames, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        public Dictionary<string, string> Reserved { get; } = reserved;

        public HashSet<string> BaseMemberNames { get; } = baseMemberNames;

        public List<Diagnostic> Diagnostics { get; } = diagnostics;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        /// <summary>Column names of this table so far, with their members.</summary>
        public Dictionary<string, string> Seen { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
