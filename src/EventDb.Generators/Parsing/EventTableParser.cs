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

/// <summary>The only place that touches symbols and syntax: turns one attributed struct into a plain spec.</summary>
internal static class EventTableParser
{
    public const string EventTableAttribute = "EventDb.EventTableAttribute";
    public const string EventBaseAttribute = "EventDb.EventBaseAttribute";
    private const string IdColumn = "id";

    public static ParseResult ParseTable(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Parse(context, isBase: false, cancellationToken);

    public static ParseResult ParseBase(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Parse(context, isBase: true, cancellationToken);

    /// <summary>
    /// The table name a type claims, for the duplicate check. Kept apart from <see cref="Parse"/> because its
    /// location moves with every edit above it, which would otherwise mark the whole parse result modified.
    /// </summary>
    public static TableClaimSpec? ParseClaim(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax syntax || context.Attributes.Length == 0)
            return null;
        if (HasAttribute(type, EventTableAttribute) && HasAttribute(type, EventBaseAttribute))
            return null; // EVDB013, not a duplicate of itself
        var attribute = context.Attributes[0];
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string tableName || !SqlNaming.IsValidIdentifier(tableName))
            return null;
        var location = PositionalArgumentLocation(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)
            ?? syntax.Identifier.GetLocation();
        return new TableClaimSpec(tableName, type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), LocationSnapshot.From(location));
    }

    private static ParseResult Parse(GeneratorAttributeSyntaxContext context, bool isBase, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax syntax || context.Attributes.Length == 0)
            return ParseResult.Empty;

        var attribute = context.Attributes[0];
        var diagnostics = new List<Diagnostic>();
        var typeLocation = syntax.Identifier.GetLocation();
        var typeName = type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

        if (isBase && HasAttribute(type, EventTableAttribute))
            return ParseResult.Empty; // reported once, by the [EventTable] side
        if (!isBase && HasAttribute(type, EventBaseAttribute))
            return Result(null, [Diagnostic.Create(DiagnosticDescriptors.BothTableAndBase, typeLocation, typeName)]);

        // A constructor that did not bind (missing or mistyped arguments) is already a compiler error.
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1)
            return ParseResult.Empty;

        var tableName = attribute.ConstructorArguments[0].Value as string;
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        if (!SqlNaming.IsValidIdentifier(tableName))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidTableName,
                PositionalArgumentLocation(attributeSyntax) ?? typeLocation, tableName ?? "null"));
        }

        TypeDeclarationChecks.CheckPartialRecordStruct(type, syntax, typeLocation, typeName, diagnostics);
        var containing = TypeDeclarationChecks.ContainingTypes(type, typeLocation, typeName, diagnostics, cancellationToken);
        TypeDeclarationChecks.CheckLanguageVersion(syntax, typeLocation, typeName, diagnostics);

        string? discriminatorColumn = null;
        var reserved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [IdColumn] = "the primary key 'id'" };
        BaseTableSpec? baseSpec = null;
        var baseFailed = false;
        var baseMemberNames = new HashSet<string>(StringComparer.Ordinal);

        if (isBase)
        {
            var discriminatorArgument = NamedArgument(attribute, "Discriminator");
            discriminatorColumn = discriminatorArgument is { } given ? given.Value as string : "type";
            if (!SqlNaming.IsValidIdentifier(discriminatorColumn))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidColumnName,
                    NamedArgumentLocation(attributeSyntax, "Discriminator") ?? typeLocation, discriminatorColumn ?? "null", "Discriminator"));
                discriminatorColumn = null;
            }
            else
            {
                reserved[discriminatorColumn!] = "the discriminator column '" + discriminatorColumn + "'";
            }
        }
        else if (NamedArgument(attribute, "Base") is { } baseArgument && !baseArgument.IsNull)
        {
            var baseLocation = NamedArgumentLocation(attributeSyntax, "Base") ?? typeLocation;
            if (baseArgument.Kind == TypedConstantKind.Error || baseArgument.Value is not ITypeSymbol baseSymbol || baseSymbol.TypeKind == TypeKind.Error)
            {
                baseFailed = true; // typeof of a missing type: the compiler reports it
            }
            else if (baseSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Struct } baseType
                || FindAttribute(baseType, EventBaseAttribute) is not { } baseAttribute)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidBaseType, baseLocation,
                    baseSymbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), typeName));
            }
            else
            {
                baseSpec = ParseBaseTable(baseType, baseAttribute, tableName, NamedArgument(attribute, "Discriminator")?.Value as string, cancellationToken);
                if (baseSpec is null)
                {
                    baseFailed = true; // the base reports its own errors
                }
                else
                {
                    reserved[baseSpec.DiscriminatorColumn] = "the discriminator column '" + baseSpec.DiscriminatorColumn + "' of base table '" + baseSpec.TableName + "'";
                    foreach (var column in baseSpec.Columns)
                        reserved[column.Column] = "column '" + column.Column + "' of base table '" + baseSpec.TableName + "'";
                    foreach (var member in baseType.GetMembers())
                        baseMemberNames.Add(member.Name);
                }
            }
        }

        var columns = MemberColumnParser.ParseMembers(type, reserved, baseMemberNames, diagnostics, cancellationToken);

        if (diagnostics.Count > 0 || columns is null || baseFailed || (isBase && discriminatorColumn is null))
            return Result(null, diagnostics);

        var autoLayout = baseSpec is { Columns.Count: > 0 } && !HasAttribute(type, "System.Runtime.InteropServices.StructLayoutAttribute");

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        var kind = isBase ? TableKind.Base : baseSpec is null ? TableKind.Flat : TableKind.Child;
        var spec = new EventTableSpec(
            kind,
            ns,
            new EquatableArray<ContainingTypeSpec>([.. containing]),
            GeneratedNames.NameWithTypeParameters(type),
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            GeneratedNames.HintName(type),
            tableName!,
            columns.Value,
            baseSpec,
            discriminatorColumn,
            autoLayout);
        return Result(spec, diagnostics);
    }

    private static BaseTableSpec? ParseBaseTable(INamedTypeSymbol baseType, AttributeData baseAttribute, string? childTable, string? discriminator, CancellationToken cancellationToken)
    {
        if (baseAttribute.ConstructorArguments.Length != 1 || baseAttribute.ConstructorArguments[0].Value is not string baseTable || !SqlNaming.IsValidIdentifier(baseTable))
            return null;
        var discriminatorColumn = NamedArgument(baseAttribute, "Discriminator") is { } d ? d.Value as string : "type";
        if (!SqlNaming.IsValidIdentifier(discriminatorColumn))
            return null;
        var reserved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [IdColumn] = "id",
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

    private static ParseResult Result(EventTableSpec? spec, List<Diagnostic> diagnostics) =>
        new(spec, new EquatableArray<Diagnostic>([.. diagnostics]));
}
