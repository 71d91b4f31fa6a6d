using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EventDb.Generators.Diagnostics;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EventDb.Generators.Parsing;

/// <summary>What the generated members need of the declaration itself: a partial record struct, partial containing types, C# 13.</summary>
internal static class TypeDeclarationChecks
{
    public static void CheckPartialRecordStruct(
        INamedTypeSymbol type, TypeDeclarationSyntax syntax, Location typeLocation, string typeName, List<Diagnostic> diagnostics)
    {
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TypeNotPartial, typeLocation, typeName));
        if (!(type.IsRecord && type.TypeKind == TypeKind.Struct))
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NotRecordStruct, typeLocation, typeName, DescribeKind(type)));
    }

    /// <summary>
    /// A <c>file</c> type (or one nested in a file type) is a type of its file alone: a partial declaration in the
    /// generated file would declare another type. EVDB015.
    /// </summary>
    public static void CheckNotFileLocal(INamedTypeSymbol type, Location typeLocation, string typeName, List<Diagnostic> diagnostics)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (!t.IsFileLocal)
                continue;
            var what = SymbolEqualityComparer.Default.Equals(t, type)
                ? "declared 'file'"
                : "nested in '" + t.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + "', which is declared 'file'";
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.FileLocalType, typeLocation, typeName, what));
            return;
        }
    }

    /// <summary>The containing types, outermost first, to re-declare around the generated members; each must be partial.</summary>
    public static List<ContainingTypeSpec> ContainingTypes(
        INamedTypeSymbol type, Location typeLocation, string typeName, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var containing = new List<ContainingTypeSpec>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var isPartial = outer.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial && !outer.DeclaringSyntaxReferences.IsEmpty) // a base's container from another assembly was compiled there
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ContainingTypeNotPartial, typeLocation,
                    outer.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), typeName));
            }
            containing.Insert(0, new ContainingTypeSpec(DeclarationKeyword(outer), GeneratedNames.NameWithTypeParameters(outer)));
        }
        return containing;
    }

    public static void CheckLanguageVersion(TypeDeclarationSyntax syntax, Location typeLocation, string typeName, List<Diagnostic> diagnostics)
    {
        if (syntax.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp13 } parseOptions)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.LanguageVersionTooLow, typeLocation, typeName,
                parseOptions.LanguageVersion.ToDisplayString()));
        }
    }

    private static string DescribeKind(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true } => "record class",
        { TypeKind: TypeKind.Struct } => "struct without 'record'",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string DeclarationKeyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}
