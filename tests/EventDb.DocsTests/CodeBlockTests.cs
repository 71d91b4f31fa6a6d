using EventDb.Generators.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EventDb.DocsTests;

/// <summary>
/// Every C# block of README.md and docs/**/*.md compiles, as nietras/Sep's ReadMe tests do, so no example can rot.
/// </summary>
/// <remarks>
/// <para>
/// A block whose info string starts with <c>csharp</c> (or <c>cs</c>, <c>c#</c>) is compiled for real, in-process, as
/// the only file of a net10.0 project: Nullable and ImplicitUsings enabled (the SDK's global usings), the latest C#,
/// every warning wave, EventDb.dll referenced and the EventDb source generator run. A block with statements at the top
/// level is a console program's <c>Program.cs</c> (top-level statements), any other block a class library's file.
/// Each block stands alone: it declares the event types it uses.
/// </para>
/// <para>
/// The info string may go on with attributes:
/// <list type="bullet">
/// <item><c>```csharp</c>: no error and no warning, from the compiler or the generator, and the program emits.</item>
/// <item><c>```csharp error=EVDB004</c>: a deliberate mistake. At least one EVDB004 error, and nothing else of warning
/// or error severity. The diagnostic pages' minimal triggers use this.</item>
/// <item><c>langversion=10</c>: compile with that C# version instead of the latest (for EVDB011).</item>
/// </list>
/// Any other attribute fails the test, so a typo cannot turn a check off. docs/CONTRIBUTING-docs.md says the same.
/// </para>
/// </remarks>
public class CodeBlockTests
{
    /// <summary>The global usings of an SDK project with ImplicitUsings enabled (Microsoft.NET.Sdk).</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly string[] s_knownAttributes = ["error", "langversion"];

    public static TheoryData<string> Blocks => new(MarkdownDocs.CSharpBlocks().Select(b => b.Name));

    [Fact]
    public void Docs_HaveCSharpBlocks()
    {
        // Guards the theory below against finding nothing (a wrong root or a broken fence parser) and passing vacuously.
        var blocks = MarkdownDocs.CSharpBlocks().ToList();
        Assert.Contains(blocks, b => b.File == "README.md");
        Assert.Contains(blocks, b => b.Attributes.ContainsKey("error"));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void CSharpBlock_Compiles(string name)
    {
        var block = MarkdownDocs.CSharpBlocks().Single(b => b.Name == name);
        var unknown = block.Attributes.Keys.Except(s_knownAttributes).ToList();
        Assert.True(unknown.Count == 0, $"{name}: unknown info-string attribute(s) {string.Join(", ", unknown)}; known: {string.Join(", ", s_knownAttributes)}");

        var result = Compile(block);
        Assert.Null(result.RunResult.Exception);
        var diagnostics = result.GeneratorDiagnostics.Concat(result.Output.GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToList();

        if (block.Attributes.TryGetValue("error", out var expected))
        {
            Assert.True(diagnostics.Any(d => d.Id == expected && d.Severity == DiagnosticSeverity.Error),
                $"{name} should fail with {expected}; got:{Describe(block, diagnostics)}");
            Assert.True(diagnostics.All(d => d.Id == expected), $"{name} should fail with {expected} only; got:{Describe(block, diagnostics)}");
            return;
        }

        Assert.True(diagnostics.Count == 0, $"{name} does not compile cleanly:{Describe(block, diagnostics)}");
        using var assembly = new MemoryStream();
        var emitted = result.Output.Emit(assembly);
        Assert.True(emitted.Success, $"{name} does not emit:{Describe(block, emitted.Diagnostics)}");
    }

    private static GeneratorResult Compile(CodeBlock block)
    {
        var version = LanguageVersion.Latest;
        if (block.Attributes.TryGetValue("langversion", out var text))
            Assert.True(LanguageVersionFacts.TryParse(text, out version), $"{block.Name}: langversion={text} is not a C# version");
        var parseOptions = new CSharpParseOptions(version);
        var snippet = CSharpSyntaxTree.ParseText(block.Code, parseOptions, path: block.File);
        var usings = CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, path: "GlobalUsings.g.cs");
        var topLevel = snippet.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "DocsSnippet",
            [snippet, usings],
            GeneratorHarness.References,
            new CSharpCompilationOptions(topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                deterministic: true));
        return GeneratorHarness.Run(compilation);
    }

    /// <summary>One line per diagnostic, located in the Markdown file (the block's code starts the line after its fence).</summary>
    private static string Describe(CodeBlock block, IEnumerable<Diagnostic> diagnostics)
    {
        var lines = diagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            var where = d.Location.IsInSource && span.Path == block.File
                ? $"{block.File}:{block.Line + 1 + span.StartLinePosition.Line}"
                : d.Location.IsInSource ? $"{span.Path}:{span.StartLinePosition.Line + 1}" : "(no location)";
            return $"\n  {where}: {d.Severity} {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }).ToList();
        return lines.Count == 0 ? " nothing" : string.Concat(lines);
    }
}
