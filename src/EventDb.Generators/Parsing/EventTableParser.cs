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
        var tableName = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name && SqlNaming.IsValidIdentifier(name)
            ? name
            : null;
        var location = PositionalArgumentLocation(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)
            ?? syntax.Identifier.GetLocation();
        return new TableClaimSpec(tableName, type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
            GeneratedNames.HintName(type), LocationSnapshot.From(location));
    }

    private static ParseResult Parse(GeneratorAttributeSyntaxContext context, bool isBase, CancellationToken cancellationToken) =>
        context.TargetSymbol is INamedTypeSymbol type && context.TargetNode is TypeDeclarationSyntax syntax && context.Attributes.Length > 0
            ? ParseType(type, syntax, context.Attributes[0], isBase, cancellationToken)
            : ParseResult.Empty;

    /// <summary>
    /// The spec of a child's base, parsed as the base itself is (its diagnostics are its own parse's): null when the base
    /// gets no code, so neither does the child, whose generated code names the base's generated <c>Schema</c>.
    /// </summary>
    /// <remarks>A base from another assembly (no syntax) was compiled with its generated code; only its members are parsed.</remarks>
    public static EventTableSpec? ParseBaseSpec(INamedTypeSymbol baseType, AttributeData baseAttribute, CancellationToken cancellationToken) =>
        ParseType(baseType, baseAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).Parent?.Parent as TypeDeclarationSyntax,
            baseAttribute, isBase: true, cancellationToken).Spec;

    private static ParseResult ParseType(INamedTypeSymbol type, TypeDeclarationSyntax? syntax, AttributeData attribute, bool isBase, CancellationToken cancellationToken)
    {
        var typeLocation = syntax?.Identifier.GetLocation() ?? Location.None;
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

        if (syntax is not null)
        {
            TypeDeclarationChecks.CheckPartialRecordStruct(type, syntax, typeLocation, typeName, diagnostics);
            TypeDeclarationChecks.CheckLanguageVersion(syntax, typeLocation, typeName, diagnostics);
        }
        TypeDeclarationChecks.CheckNotFileLocal(type, typeLocation, typeName, diagnostics);
        var containing = TypeDeclarationChecks.ContainingTypes(type, typeLocation, typeName, diagnostics, cancellationToken);

        var reserved = ReservedColumns();
        var baseMemberNames = new HashSet<string>(StringComparer.Ordinal);
        var copiedMembers = new Dictionary<string, string>(StringComparer.Ordinal);
        string? discriminatorColumn = null;
        BaseTableSpec? baseSpec = null;
        var baseFailed = false;
        if (isBase)
        {
            discriminatorColumn = TableFamilyParser.ReserveDiscriminatorColumn(attribute, attributeSyntax, typeLocation, reserved, diagnostics);
        }
        else
        {
            baseSpec = TableFamilyParser.ResolveBase(attribute, attributeSyntax, type, tableName, typeLocation, typeName,
                reserved, baseMemberNames, copiedMembers, diagnostics, out baseFailed, cancellationToken);
        }

        if (syntax is not null) // a type from another assembly has its generated Schema already
            GeneratedMemberNames.Check(type, typeLocation, typeName, GeneratedMemberNames.SchemaProperty, static _ => false, diagnostics);
        // A stored member of the child named like a base member is EVDB009 (its column collides); any other is EVDB016.
        GeneratedMemberNames.Check(type, typeLocation, typeName, copiedMembers, MemberColumnParser.IsMapped, diagnostics);

        var columns = MemberColumnParser.ParseMembers(type, reserved, baseMemberNames, diagnostics, readsRows: !isBase, cancellationToken);
        if (columns is { } own)
            CheckColumnCount(typeLocation, typeName, isBase, own.Count, baseSpec, diagnostics);

        if (diagnostics.Count > 0 || columns is null || baseFailed || (isBase && discriminatorColumn is null))
            return Result(null, diagnostics);

        var names = new TypeNamesSpec(
            GeneratedNames.Namespace(type.ContainingNamespace),
            new EquatableArray<ContainingTypeSpec>([.. containing]),
            GeneratedNames.NameWithTypeParameters(type),
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            GeneratedNames.HintName(type),
            GeneratedMemberNames.FreeTypeParameterName(type, "TWriter"),
            GeneratedMemberNames.FreeTypeParameterName(type, "TReader"),
            GeneratedMemberNames.WhereIsFree(type, copiedMembers.Keys));
        return Result(CreateSpec(type, isBase, names, tableName!, columns.Value, baseSpec, discriminatorColumn), diagnostics);
    }

    /// <summary>
    /// The column names every table has or must not take, each with what EVDB009 says it collides with: <c>id</c>, and
    /// SQLite's names for the rowid, which a column of that name would hide from every query (the append-id check of
    /// the storage among them).
    /// </summary>
    public static Dictionary<string, string> ReservedColumns()
    {
        const string RowId = "SQLite's rowid, which a column named rowid, oid or _rowid_ hides";
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [IdColumn] = "the primary key 'id'",
            ["rowid"] = RowId,
            ["oid"] = RowId,
            ["_rowid_"] = RowId,
        };
    }

    /// <summary>
    /// SQLite's default SQLITE_MAX_COLUMN (EventDb's bundled SQLite keeps it): the most columns of a table, and of the
    /// rows a query returns, which for a child is its own and its base's columns together.
    /// </summary>
    public const int MaxColumns = 2000;

    private static void CheckColumnCount(Location typeLocation, string typeName, bool isBase, int columns, BaseTableSpec? baseSpec, List<Diagnostic> diagnostics)
    {
        var table = 1 + (isBase ? 1 : 0) + columns; // id, the discriminator
        if (table > MaxColumns)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TooManyColumns, typeLocation, typeName,
                table, "its table (with id" + (isBase ? " and the discriminator)" : ")"), MaxColumns));
        }
        else if (baseSpec is not null && 1 + baseSpec.Columns.Count + columns > MaxColumns)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TooManyColumns, typeLocation, typeName,
                1 + baseSpec.Columns.Count + columns, "each row read back (id, the base table's and its own)", MaxColumns));
        }
    }

    private static EventTableSpec CreateSpec(
        INamedTypeSymbol type,
        bool isBase,
        TypeNamesSpec names,
        string tableName,
        EquatableArray<ColumnSpec> columns,
        BaseTableSpec? baseSpec,
        string? discriminatorColumn)
    {
        var autoLayout = baseSpec is { Columns.Count: > 0 } && !HasAttribute(type, "System.Runtime.InteropServices.StructLayoutAttribute");
        var kind = isBase ? TableKind.Base : baseSpec is null ? TableKind.Flat : TableKind.Child;
        return new EventTableSpec(kind, names, tableName, columns, baseSpec, discriminatorColumn, autoLayout);
    }

    private static ParseResult Result(EventTableSpec? spec, List<Diagnostic> diagnostics) =>
        new(spec, new EquatableArray<Diagnostic>([.. diagnostics]));
}
