using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Parsing;

/// <summary>
/// What the parser learned about one attributed type. Diagnostics keep their real <see cref="Location"/> so
/// <c>#pragma</c> can suppress them (dotnet/runtime#92509); they go out through their own output, and only
/// <see cref="Spec"/> feeds the source output, so a moved diagnostic does not re-emit source.
/// </summary>
internal sealed record ParseResult(EventTableSpec? Spec, EquatableArray<Diagnostic> Diagnostics)
{
    public static readonly ParseResult Empty = new(null, EquatableArray<Diagnostic>.Empty);
}
