using System;
using System.Collections.Generic;
using System.Threading;
using EventDb.Generators.Diagnostics;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static EventDb.Generators.Parsing.AttributeLookup;

namespace EventDb.Generators.Parsing;

/// <summary>Turns one attributed struct into a plain spec. Parsing/ is the only code that touches symbols and syntax.</summary>
internal static class EventTableParser
{
    public const string EventTableAttribute = "EventDb.EventTableAttribute";
    public const string EventBaseAttribute = "EventDb.EventBaseAttribute";
    public const string IdColumn = "id";

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
        var typeLocation = syntax.Identifier.GetLocation();
        var typeName = type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

        if (isBase && HasAttribute(type, EventTableAttribute))
            return ParseResult.Empty; // reported once, by the [EventTable] side
        if (!isBase && HasAttribute(type, EventBaseAttribute))
            return Result(null, [Diagnostic.Create(DiagnosticDescriptors.BothTableAndBase, typeLocation, typeName)]);

        // A constructor that did not bind (missing or mistyped arguments) is already a compiler error.
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1)
            return ParseResult.Empty;

        var diagnostics = new List<Diagnostic>();
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

        var reserved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [IdColumn] = "the primary key 'id'" };
        var baseMemberNames = new HashSet<string>(StringComparer.Ordinal);
        string? discriminatorColumn = null;
        BaseTableSpec? baseSpec = null;
        var baseFailed = false;
        if (isBase)
        {
            discriminatorColumn = TableFamilyParser.ReserveDiscriminatorColumn(attribute, attributeSyntax, typeLocation, reserved, diagnostics);
        }
        else
        {
            baseSpec = TableFamilyParser.ResolveBase(attribute, attributeSyntax, tableName, typeLocation, typeName,
                reserved, baseMemberNames, diagnostics, out baseFailed, cancellationToken);
        }

        var columns = MemberColumnParser.ParseMembers(type, reserved, baseMemberNames, diagnostics, cancellationToken);

        if (diagnostics.Count > 0 || columns is null || baseFailed || (isBase && discriminatorColumn is null))
            return Result(null, diagnostics);

        return Result(CreateSpec(type, isBase, containing, tableName!, columns.Value, baseSpec, discriminatorColumn), diagnostics);
    }

    private static EventTableSpec CreateSpec(
        INamedTypeSymbol type,
        bool isBase,
        List<ContainingTypeSpec> containing,
        string tableName,
        EquatableArray<ColumnSpec> columns,
        BaseTableSpec? baseSpec,
        string? discriminatorColumn)
    {
        var autoLayout = baseSpec is { Columns.Count: > 0 } && !HasAttribute(type, "System.Runtime.InteropServices.StructLayoutAttribute");

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        var kind = isBase ? TableKind.Base : baseSpec is null ? TableKind.Flat : TableKind.Child;
        return new EventTableSpec(
            kind,
            ns,
            new EquatableArray<ContainingTypeSpec>([.. containing]),
            GeneratedNames.NameWithTypeParameters(type),
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            GeneratedNames.HintName(type),
            tableName,
            columns,
            baseSpec,
            discriminatorColumn,
            autoLayout);
    }

    private static ParseResult Result(EventTableSpec? spec, List<Diagnostic> diagnostics) =>
        new(spec, new EquatableArray<Diagnostic>([.. diagnostics]));
}
