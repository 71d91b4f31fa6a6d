using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;
using EventDb.Benchmarks;

// Full runs:  dotnet run -c Release --project bench/EventDb.Benchmarks -- --filter '*'
// Sanity:   dotnet run -c Release --project bench/EventDb.Benchmarks -- --quick [N] [rounds]
// Add:      dotnet run -c Release --project bench/EventDb.Benchmarks -- --add [producers] [rounds]
// Export, interleaved with its scan: ... -- --quick-export [N] [rounds]
// CI run:     dotnet run -c Release --project bench/EventDb.Benchmarks -- --ci
// Some CI classes, with their target lines: ... -- --ci --filter '*Export*' '*Campaign*'
// Tables (Markdown, JSON) go to bench/results/results/; the CI target lines also to bench/results/targets.txt.
if (args.Contains("--quick"))
    return QuickCheck.Run(args);
if (args.Contains("--quick-export"))
    return ExportQuickCheck.Run(args);
if (args.Contains("--add"))
    return AddCheck.Run(args);

var results = Path.Combine(RepositoryRoot(), "bench", "results");
Environment.SetEnvironmentVariable(PeakWorkingSet.DirectoryVariable, Path.Combine(results, "peaks"));
PeakWorkingSet.Clear();
Environment.SetEnvironmentVariable(ProcessCpu.DirectoryVariable, Path.Combine(results, "cpu"));
ProcessCpu.Clear();

// The benchmark processes share what is costly to build (CampaignBenchmarks' runs and corpus); deleted at the end.
Environment.SetEnvironmentVariable(Workload.HostRunVariable, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
using var sharedScratch = new SharedScratch();

var config = DefaultConfig.Instance
    .WithArtifactsPath(results)
    .AddExporter(JsonExporter.Full) // the default config already exports GitHub Markdown, CSV and HTML
    .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max, new EventsPerSecondColumn(), new PeakWorkingSetColumn())
    // The generated benchmark project is built once per class; on two cores shared with other builds that took longer
    // than BenchmarkDotNet's default two minutes, and the class was then reported as not run.
    .WithBuildTimeout(TimeSpan.FromMinutes(10));

if (!args.Contains("--ci"))
{
    // EndToEndGoalBenchmarks repeats what EndToEndBenchmarks measures in a full run.
    var classes = typeof(Workload).Assembly.GetTypes().Where(t => t.IsPublic && !t.IsAbstract && t != typeof(EndToEndGoalBenchmarks));
    BenchmarkSwitcher.FromTypes([.. classes]).Run(args, config);
    return 0;
}

// Read by BenchConfigs when BenchmarkDotNet builds the class configs: the reduced jobs.
Environment.SetEnvironmentVariable("EVENTDB_BENCH_CI", "1");
var started = DateTime.UtcNow;
// The other arguments (--filter) go to BenchmarkDotNet: a subset of the CI classes, measured with the CI jobs.
var rest = args.Where(a => a != "--ci").ToArray();
var summaries = BenchmarkRunner.Run([typeof(EndToEndBenchmarks), typeof(EndToEndGoalBenchmarks), typeof(RejectionBenchmarks), typeof(ProducerBenchmarks), typeof(ScaleBenchmarks),
    typeof(ReadBenchmarks), typeof(ReadScaleBenchmarks), typeof(ExportBenchmarks), typeof(CampaignBenchmarks), typeof(ReportBenchmarks), typeof(DurabilityBenchmarks)], config, rest);
Console.WriteLine($"bench --ci: benchmarks took {(DateTime.UtcNow - started).TotalSeconds:F0} s on {Environment.ProcessorCount} cores");
return CiTargets.Report(summaries, Console.Out, results, subset: rest.Length > 0);

static string RepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EventDb.sln")))
                return dir.FullName;
        }
    }
    return Directory.GetCurrentDirectory();
}

/// <summary>Deletes the host run's shared scratch directories when the host ends, however it ends normally.</summary>
internal sealed class SharedScratch : IDisposable
{
    public void Dispose() => Workload.DeleteSharedScratch(Environment.ProcessId);
}
