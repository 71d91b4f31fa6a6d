using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace EventDb.Tests;

/// <summary>Properties of the runtime assembly itself.</summary>
public sealed class RuntimeAssemblyTests
{
    [Fact]
    public void RuntimeAssembly_ReferencesNoReflectionTypes()
    {
        using var stream = File.OpenRead(typeof(EventLogger).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var reflectionTypes = metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(type => $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}")
            // The compiler stamps assembly-level attributes (AssemblyVersion, AssemblyCompany, ...) from that namespace.
            .Where(name => name.StartsWith("System.Reflection.", StringComparison.Ordinal) && !name.EndsWith("Attribute", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(reflectionTypes);
    }
}
