using System;
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
        var conflicts = tableClaims.Collect()
            .Combine(baseClaims.Collect())
            .Select(static (pair, _) => FindConflicts(pair.Left.AddRange(pair.Right)))
            .WithTrackingName(StepNames.DuplicateTables);

        var skipped = conflicts.Select(static (c, _) => c.SkippedHintNames);
        Register(context, tables, skipped);
        Register(context, bases, skipped);

        context.RegisterSourceOutput(conflicts, static (spc, conflicts) =>
        {
            foreach (var group in conflicts.DuplicateTables.GroupBy(c => c.TableName))
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
        IncrementalValueProvider<EquatableArray<string>> skipped)
    {
        var specs = parsed
            .Select(static (r, _) => r.Spec)
            .Where(static s => s is not null)
            .WithTrackingName(StepNames.Spec);
        var output = specs
            .Combine(skipped)
            .WithTrackingName(StepNames.Output);
        context.RegisterSourceOutput(output, static (spc, pair) =>
        {
            var spec = pair.Left!;
            // A child names its base's generated Schema: when the base gets no code, neither does the child.
            if (pair.Right.Contains(spec.HintName) || (spec.Base is { } b && pair.Right.Contains(b.HintName)))
                return;
            spc.AddSource(spec.HintName, EventTableEmitter.Emit(spec));
        });
        context.RegisterSourceOutput(parsed.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
                spc.ReportDiagnostic(diagnostic);
        });
    }

    /// <summary>
    /// The claims in conflict: tables claimed by more than one type (EVDB007; none of those types gets code), and types
    /// attributed on more than one of their partial declarations (the compiler's CS0579), which would otherwise emit
    /// their file once per attribute and fail the whole generator on the repeated hint name.
    /// </summary>
    private static ClaimConflictsSpec FindConflicts(ImmutableArray<TableClaimSpec?> claims)
    {
        var byTable = new Dictionary<string, Dictionary<string, TableClaimSpec>>(StringComparer.OrdinalIgnoreCase);
        var attributes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            if (claim is null)
                continue;
            attributes[claim.HintName] = attributes.TryGetValue(claim.HintName, out var n) ? n + 1 : 1;
            if (claim.TableName is null)
                continue;
            if (!byTable.TryGetValue(claim.TableName, out var types))
                byTable[claim.TableName] = types = new Dictionary<string, TableClaimSpec>(StringComparer.Ordinal);
            if (!types.ContainsKey(claim.HintName))
                types[claim.HintName] = claim; // one claim per type: a type attributed twice is CS0579, not EVDB007
        }
        var duplicates = byTable.Values.Where(t => t.Count > 1).SelectMany(t => t.Values)
            .OrderBy(c => c.TableName, StringComparer.Ordinal)
            .ThenBy(c => c.Location?.FilePath, StringComparer.Ordinal)
            .ThenBy(c => c.Location?.Start)
            .ToArray();
        var skipped = duplicates.Select(c => c.HintName).Concat(attributes.Where(a => a.Value > 1).Select(a => a.Key))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(h => h, StringComparer.Ordinal)
            .ToArray();
        return new ClaimConflictsSpec(new EquatableArray<TableClaimSpec>(duplicates), new EquatableArray<string>(skipped));
    }
}
