using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EventDb.Generators.Tests;

internal static class DiagnosticAssert
{
    /// <summary>Asserts one diagnostic <paramref name="id"/> sits exactly on <paramref name="spanText"/> (its n-th occurrence in <paramref name="source"/>).</summary>
    public static Diagnostic At(IEnumerable<Diagnostic> diagnostics, string id, string source, string spanText, int occurrence = 0)
    {
        var index = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            index = source.IndexOf(spanText, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{spanText}' (occurrence {occurrence}) is not in the source");
        }
        var text = SourceText.From(source);
        var expected = text.Lines.GetLinePositionSpan(new TextSpan(index, spanText.Length));
        var matching = diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count > 0, $"no {id}; got: {string.Join("; ", diagnostics)}");
        var hit = matching.FirstOrDefault(d => d.Location.GetLineSpan().Span == expected);
        Assert.True(hit is not null, $"{id} expected at {expected} ('{spanText}'), got at: {string.Join("; ", matching.Select(d => d.Location.GetLineSpan().Span))}");
        Assert.Equal(DiagnosticSeverity.Error, hit.Severity);
        Assert.Equal("EventDb", hit.Descriptor.Category);
        return hit;
    }
}
