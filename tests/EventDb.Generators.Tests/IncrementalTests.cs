using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EventDb.Generators.Tests;

/// <summary>
/// The pipeline must not re-run emission for edits that cannot change the output. Known to be able to fail if a
/// model member loses value equality (an ImmutableArray, a symbol): both "unchanged" cases then come out Modified.
/// </summary>
public class IncrementalTests
{
    private const string Unrelated = "namespace Other; public class Unrelated { public int X; }";

    private static (GeneratorResult First, GeneratorResult Second) RunTwice(Func<CSharpCompilation, CSharpCompilation> edit)
    {
        var compilation = GeneratorHarness.Compile([PenguinModel.Source, Unrelated]);
        var first = GeneratorHarness.Run(compilation);
        var second = GeneratorHarness.Run(edit(compilation), first.Driver);
        Assert.Empty(second.GeneratorDiagnostics);
        return (first, second);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)old.Options, old.FilePath));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorResult result, string step) =>
        [.. result.RunResult.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason)];

    private static void AssertAllReused(GeneratorResult result, string step) =>
        Assert.All(Reasons(result, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));

    [Fact]
    public void UnrelatedFile_Edited_ParseAndSpecStepsReused()
    {
        var (_, second) = RunTwice(c => Replace(c, 1, Unrelated.Replace("int X;", "int X; public int Y;", StringComparison.Ordinal)));
        AssertAllReused(second, StepNames.Parse);
        AssertAllReused(second, StepNames.Spec);
        AssertAllReused(second, StepNames.Output);
    }

    [Fact]
    public void SameFile_CommentAdded_ParseAndSpecStepsUnchanged()
    {
        var edited = PenguinModel.Source.Replace("public string Name { get; init; }", "// the syscall's name\n    public string Name { get; init; }", StringComparison.Ordinal);
        var (_, second) = RunTwice(c => Replace(c, 0, edited));
        AssertAllReused(second, StepNames.Parse);
        AssertAllReused(second, StepNames.Spec);
        AssertAllReused(second, StepNames.Output);
    }

    [Fact]
    public void MemberType_Changed_SpecModifiedForThatTypeOnly()
    {
        var edited = PenguinModel.Source.Replace("public long? Retno { get; init; }", "public int? Retno { get; init; }", StringComparison.Ordinal);
        var (_, second) = RunTwice(c => Replace(c, 0, edited));
        var spec = Reasons(second, StepNames.Spec);
        Assert.Equal(1, spec.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(PenguinModel.Types.Length - 1, spec.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, StepNames.Parse));
        Assert.Contains("Retno = reader.TryNull() ? null : unchecked((int)reader.Int64(int.MinValue, int.MaxValue)),", second.Source("EventDb.Penguin.Syscall"), StringComparison.Ordinal);
    }

    [Fact]
    public void BaseMember_Changed_ChildSpecsModified()
    {
        var edited = PenguinModel.Source.Replace("public long ProcId { get; init; }", "public int ProcId { get; init; }", StringComparison.Ordinal);
        var (_, second) = RunTwice(c => Replace(c, 0, edited));
        Assert.All(Reasons(second, StepNames.Spec), r => Assert.Equal(IncrementalStepRunReason.Modified, r));
    }

    [Fact]
    public void EnumStoredByName_MemberAddedInAnotherFile_OutputWritesTheNewName()
    {
        // The names are part of the spec, so an enum edited elsewhere regenerates the struct that stores it by name.
        const string Table = "using EventDb;\n[EventTable(\"t\")] public partial record struct T { [Column(AsText = true)] public Color C { get; init; } }";
        const string Enum = "public enum Color { Red, Green }";
        var compilation = GeneratorHarness.Compile([Table, Enum]);
        var first = GeneratorHarness.Run(compilation);
        var second = GeneratorHarness.Run(Replace(compilation, 1, "public enum Color { Red, Green, Blue }"), first.Driver);
        Assert.Empty(second.GeneratorDiagnostics);
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(second, StepNames.Spec));
        Assert.Contains("case (global::Color)2: writer.Utf8(\"Blue\"u8); break;", second.Source("T"), StringComparison.Ordinal);
    }
}
