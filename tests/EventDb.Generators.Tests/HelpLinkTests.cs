using System.Reflection;
using EventDb.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Tests;

/// <summary>Every EVDB diagnostic links to its own page in docs/diagnostics, and that page exists.</summary>
public class HelpLinkTests
{
    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    public static TheoryData<string> Ids => new(Descriptors().Select(d => d.Id));

    [Fact]
    public void Descriptors_HaveDistinctEvdbIds()
    {
        var ids = Descriptors().Select(d => d.Id).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Matches("^EVDB[0-9]{3}$", id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_HelpLinkUri_NamesItsPageAndThePageExists(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        var page = "docs/diagnostics/" + id + ".md";
        Assert.Equal(DiagnosticDescriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.EndsWith(page, descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.True(File.Exists(RepositoryRoot.Path(page)), $"{id} links to {page}, which is not in {RepositoryRoot.Directory}");
    }

    [Fact]
    public void ReportedDiagnostic_CarriesTheHelpLink()
    {
        var result = GeneratorHarness.Run("""
            using EventDb;
            [EventTable("t")] public record struct NotPartial { public long A { get; init; } }
            """);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("EVDB001", diagnostic.Id);
        Assert.EndsWith("docs/diagnostics/EVDB001.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }
}
