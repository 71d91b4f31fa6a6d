using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using EventDb.Generators.Diagnostics;
using EventDb.Generators.Emit;
using EventDb.Generators.Model;
using EventDb.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EventDb.Generators;

/// <summary>Generates the <c>IEventTable&lt;T&gt;</c> implementation of every <c>[EventTable]</c> and the schema of every <c>[EventBase]</c> struct.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class EventTableGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var tables = context.SyntaxProvider
            .ForAttributeWithMetadataName(EventTableParser.EventTableAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => EventTableParser.ParseTable(ctx, ct))
            .WithTrackingName(StepNames.Parse);
        var bases = context.SyntaxProvider
            .ForAttributeWithMetadataName(EventTableParser.EventBaseAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => EventTableParser.ParseBase(ctx, ct))
            .WithTrackingName(StepNames.Parse);

        // Only this small projection crosses types; the collected claims change with any edit that moves a
        // location, but the duplicates derived from them (usually none) stay equal, so output is not re-run.
        var tableClaims = context.SyntaxProvider
            .ForAttributeWithMetadataName(EventTableParser.EventTableAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => EventTableParser.ParseClaim(ctx, ct))
            .WithTrackingName(StepNames.Claims);
        var baseClaims = context.SyntaxProvider
            .ForAttributeWithMetadataName(EventTableParser.EventBaseAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => EventTableParser.ParseClaim(ctx, ct))
            .WithTrackingName(StepNames.Claims);
        var duplicates = tableClaims.Collect()
            .Combine(baseClaims.Collect())
            .Select(static (pair, _) => FindDuplicates(pair.Left.AddRange(pair.Right)))
            .WithTrackingName(StepNames.DuplicateTables);

        Register(context, tables, duplicates);
        Register(context, bases, duplicates);

        context.RegisterSourceOutput(duplicates, static (spc, claims) =>
        {
            foreach (var group in claims.GroupBy(c => c.TableName))
            {
                var all = group.ToArray();
                for (var i = 0; i < all.Length; i++)
                {
                    var other = all[(i + 1) % all.Length];
                    spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateTableName,
                        all[i].Location?.ToLocation() ?? Location.None, all[i].TableName, all[i].TypeName, other.TypeName));
                }
            }
        });
    }

    private static void Register(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<ParseResult> parsed,
        IncrementalValueProvider<EquatableArray<TableClaimSpec>> duplicates)
    {
        var specs = parsed
            .Select(static (r, _) => r.Spec)
            .Where(static s => s is not null)
            .WithTrackingName(StepNames.Spec);
        var output = specs
            .Combine(duplicates.Select(static (d, _) => new EquatableArray<string>([.. d.Select(c => c.TableName).Distinct()])))
            .WithTrackingName(StepNames.Output);
        context.RegisterSourceOutput(output, static (spc, pair) =>
        {
            var spec = pair.Left!;
            if (pair.Right.Contains(spec.TableName))
                return;
            spc.AddSource(spec.HintName, EventTableEmitter.Emit(spec));
        });
        context.RegisterSourceOutput(parsed.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
                spc.ReportDiagnostic(diagnostic);
        });
    }

    private static EquatableArray<TableClaimSpec> FindDuplicates(ImmutableArray<TableClaimSpec?> claims)
    {
        var byTable = new Dictionary<string, List<TableClaimSpec>>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var claim in claims)
        {
            if (claim is null)
                continue;
            if (!byTable.TryGetValue(claim.TableName, out var list))
                byTable[claim.TableName] = list = [];
            list.Add(claim);
        }
        return new EquatableArray<TableClaimSpec>([.. byTable.Values.Where(l => l.Count > 1).SelectMany(l => l)
            .OrderBy(c => c.TableName, System.StringComparer.Ordinal)
            .ThenBy(c => c.Location?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(c => c.Location?.Start)]);
    }
}
