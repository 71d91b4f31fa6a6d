using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EventDb.Generators.Tests.Fuzz;

/// <summary>
/// Random event declarations (see <see cref="DeclarationFuzzer"/>) through the real generator and compiler: the
/// generator never fails (CS8785, AD0001), never reports or causes a diagnostic inside a file it generated, refuses
/// exactly the declarations made to be refused, and the rest compile without a warning and round-trip through a real
/// file with a real <c>EventLogger</c>.
/// </summary>
/// <remarks>
/// Each run draws a new seed and prints it; a failure names its case's own seed, which alone reproduces it:
/// <c>EVENTDB_FUZZ_SEED=n EVENTDB_FUZZ_CASES=1 dotnet test tests/EventDb.Generators.Tests -c Release --filter DeclarationFuzzTests</c>.
/// <c>EVENTDB_FUZZ_CASES</c> runs more (or fewer) than the default.
/// </remarks>
public sealed class DeclarationFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int DefaultCases = 200;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void RandomDeclarations_NeverBreakTheGeneratorOrTheBuild_AndRoundTripThroughAFile()
    {
        var cases = Environment.GetEnvironmentVariable("EVENTDB_FUZZ_CASES") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : DefaultCases;
        var seed = Environment.GetEnvironmentVariable("EVENTDB_FUZZ_SEED") is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : Random.Shared.Next();
        output.WriteLine($"EVENTDB_FUZZ_SEED={seed} EVENTDB_FUZZ_CASES={cases}");

        var stats = new Stats();
        var clock = Stopwatch.StartNew();
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Case, string Message)>();
        // One case per core at a time: each is its own compilation, assembly and file.
        Parallel.For(0, cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, loop) =>
        {
            var caseSeed = unchecked(seed + i);
            var fuzzCase = DeclarationFuzzer.Build(caseSeed);
            try
            {
                Run(fuzzCase, Path.Combine(_directory.Path, i.ToString(CultureInfo.InvariantCulture)), stats);
            }
            catch (Exception ex) when (ex is XunitException or InvalidOperationException or TargetInvocationException)
            {
                var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner.ToString() : ex.Message;
                failures.Add((i, $"Case {i} of run seed {seed} failed; it alone: EVENTDB_FUZZ_SEED={caseSeed} EVENTDB_FUZZ_CASES=1\n{cause}\n\n{fuzzCase.Describe()}"));
                loop.Stop();
            }
        });
        if (!failures.IsEmpty)
            throw new XunitException(failures.MinBy(f => f.Case).Message);
        output.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:0.0} s: {stats}");
        // Guards against a fuzzer that stopped making anything worth checking (a case alone may hold refusals only).
        Assert.True(stats.RoundTrippedTypes >= cases || cases < 50, stats.ToString());
        Assert.True(stats.Refused > 0 || cases < 50, stats.ToString());
    }

    private static void Run(FuzzCase fuzzCase, string directory, Stats stats)
    {
        var clock = Stopwatch.StartNew();
        var result = GeneratorHarness.Run(GeneratorHarness.Compile([.. fuzzCase.Files, fuzzCase.Driver]));
        stats.Time(Phase.Generate, clock.Elapsed);
        Assert.Null(result.RunResult.Exception);
        var generated = result.RunResult.GeneratedSources.Select(s => s.SyntaxTree).ToHashSet();

        // Emitting reports every diagnostic of the compilation as well: one pass instead of two.
        clock.Restart();
        using var image = new MemoryStream();
        var emitted = result.Output.Emit(image);
        stats.Time(Phase.Compile, clock.Elapsed);
        var compiler = emitted.Diagnostics;
        var all = result.GeneratorDiagnostics.Concat(compiler).ToList();

        Assert.DoesNotContain(all, d => d.Id is "CS8785" or "AD0001");
        var inGenerated = all.Where(d => d.Location.SourceTree is { } tree && generated.Contains(tree)).ToList();
        Assert.True(inGenerated.Count == 0, "diagnostics in generated files:\n" + Describe(inGenerated, result));

        var reported = result.GeneratorDiagnostics.Where(d => d.Id.StartsWith("EVDB", StringComparison.Ordinal)).ToList();
        Assert.True(reported.Select(d => d.Id).ToHashSet().SetEquals(fuzzCase.ExpectedIds),
            $"expected {string.Join(", ", fuzzCase.ExpectedIds.Order())}; the generator reported:\n" + Describe(reported, result));
        // Nothing sets the fields of a base (only its children are built) or of a type with an EVDB error: CS0649 in the
        // user's code, as in any project; whether a table's reader sets every field, the round trip checks.
        var problems = compiler.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS0649").ToList();
        Assert.True(problems.Count == 0, "the compilation has warnings or errors:\n" + Describe(problems, result));
        Assert.True(emitted.Success);
        Assert.Equal(fuzzCase.Types.Count(t => t.Generates), result.RunResult.GeneratedSources.Length);

        clock.Restart();
        var failures = RoundTrip(image, directory);
        stats.Time(Phase.RoundTrip, clock.Elapsed);
        Assert.True(failures.Length == 0, "round trip:\n" + failures);
        stats.Add(fuzzCase);
    }

    /// <summary>Loads the program where it can be unloaded again, and runs its driver on a file in <paramref name="directory"/>.</summary>
    private static string RoundTrip(MemoryStream image, string directory)
    {
        image.Position = 0;
        var context = new AssemblyLoadContext("EventDbFuzz", isCollectible: true);
        try
        {
            var driver = context.LoadFromStream(image).GetType(FuzzDriver.TypeName, throwOnError: true)!;
            return (string)driver.GetMethod("Run")!.Invoke(null, [directory])!;
        }
        finally
        {
            context.Unload();
        }
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics, GeneratorResult result) =>
        string.Join("\n", diagnostics.Select(d =>
        {
            var line = d.ToString();
            if (d.Location.SourceTree is { } tree && result.RunResult.GeneratedSources.FirstOrDefault(s => s.SyntaxTree == tree) is { HintName: not null } source)
                line += "\n  in " + source.HintName + ", line: " + source.SourceText.Lines.GetLineFromPosition(d.Location.SourceSpan.Start);
            return line;
        }));

    private enum Phase { Generate, Compile, RoundTrip }

    private sealed class Stats
    {
        public int Cases { get; private set; }
        public int RoundTrippedTypes { get; private set; }
        public int Refused { get; private set; }
        public int Members { get; private set; }
        private readonly TimeSpan[] _time = new TimeSpan[3];

        public void Time(Phase phase, TimeSpan elapsed)
        {
            lock (_time)
                _time[(int)phase] += elapsed;
        }

        public void Add(FuzzCase fuzzCase)
        {
            lock (this)
            {
                Cases++;
                RoundTrippedTypes += fuzzCase.Types.Count(t => t.Generates && !t.IsBase);
                Refused += fuzzCase.Types.Count(t => t.Refusal is not null);
                Members += fuzzCase.Types.Sum(t => t.Members.Count);
            }
        }

        public override string ToString() => $"{Cases} cases, {RoundTrippedTypes} table types round-tripped, {Refused} declarations refused as expected, {Members} members; {_time[0].TotalSeconds:0.0} s parsing and generating, {_time[1].TotalSeconds:0.0} s compiling and emitting, {_time[2].TotalSeconds:0.0} s round-tripping (summed over threads)";
    }
}
