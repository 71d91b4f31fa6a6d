using BenchmarkDotNet.Attributes;

namespace EventDb.Benchmarks;

/// <summary>
/// EventDb end to end at growing N: the rate must not fall as the file grows, and peak memory must not grow with N.
/// BenchmarkDotNet runs each N in its own process, so the peak resident set (VmHWM) read at GlobalCleanup is that N's.
/// </summary>
[Config(typeof(BenchConfigs.Scale))]
public class ScaleBenchmarks
{
    private string _directory = "";

    /// <summary>Events written per invocation.</summary>
    [Params(100_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _ = Workload.Indices;
        _directory = Workload.ScratchDirectory("scale");
    }

    [IterationSetup]
    public void FreshFile() => Workload.DeleteDatabase(Path.Combine(_directory, "bench.db"));

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        Workload.DeleteScratch(_directory);
        PeakWorkingSet.Record(nameof(ScaleBenchmarks), nameof(EventDb), N);
    }

    [Benchmark]
    public long EventDb() => Workload.WriteWithEventDb(_directory, N);
}
