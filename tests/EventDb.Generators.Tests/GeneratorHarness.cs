using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using EventDb.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EventDb.Generators.Tests;

/// <summary>Compiles inline sources against the BCL and EventDb.dll and runs the generator in-process.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<MetadataReference[]> s_references = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(EventTableSchema).Assembly.Location)
            .Where(p => p.Length > 0)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        return [.. paths.Select(p => MetadataReference.CreateFromFile(p))];
    });

    /// <summary>The BCL, EventDb.dll and everything else the test host loads, as compilation references.</summary>
    public static IReadOnlyList<MetadataReference> References => s_references.Value;

    public static CSharpCompilation Compile(
        IEnumerable<string> sources,
        LanguageVersion languageVersion = LanguageVersion.Latest,
        bool checkOverflow = false,
        NullableContextOptions nullable = NullableContextOptions.Enable)
    {
        var parseOptions = new CSharpParseOptions(languageVersion);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"Source{i}.cs"));
        return CSharpCompilation.Create(
            "EventDbGeneratorTest",
            trees,
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: nullable,
                checkOverflow: checkOverflow,
                deterministic: true));
    }

    public static GeneratorResult Run(CSharpCompilation compilation, GeneratorDriver? driver = null)
    {
        driver ??= CreateDriver(compilation);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorResult(driver, (CSharpCompilation)output, generatorDiagnostics, driver.GetRunResult().Results.Single());
    }

    public static GeneratorResult Run(params string[] sources) => Run(Compile(sources));

    public static GeneratorDriver CreateDriver(CSharpCompilation compilation) =>
        CSharpGeneratorDriver.Create(
            [new EventTableGenerator().AsSourceGenerator()],
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The directory of this source file, so snapshots and fixtures are read from (and written to) the source tree.</summary>
    public static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

internal sealed record GeneratorResult(
    GeneratorDriver Driver,
    CSharpCompilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    GeneratorRunResult RunResult)
{
    /// <summary>The generated file of one type, by the readable part of its hint name (<c>Tests.T</c> for <c>Tests.T.{hash}.EventTable.g.cs</c>).</summary>
    public string Source(string readableName) =>
        RunResult.GeneratedSources.Single(s => HintNameOf(s.HintName) == readableName).SourceText.ToString();

    /// <summary>The readable part of a hint name, or null when it is not <c>{readable}.{16 hex digits}.EventTable.g.cs</c>.</summary>
    public static string? HintNameOf(string hintName) =>
        System.Text.RegularExpressions.Regex.Match(hintName, @"^(.+)\.[0-9a-f]{16}\.EventTable\.g\.cs$") is { Success: true } m ? m.Groups[1].Value : null;

    public IEnumerable<Diagnostic> CompilerWarningsAndErrors =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
}
