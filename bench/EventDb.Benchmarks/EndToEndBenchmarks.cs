using BenchmarkDotNet.Attributes;

namespace EventDb.Benchmarks;

/// <summary>
/// The three contenders end to end: open a fresh file, create the tables, write N events (100,000 per transaction)
/// and close, everything committed. Timed from open to close for all three, so each pays the same WAL checkpoint.
/// </summary>
[Config(typeof(BenchConfigs.EndToEnd))]
public class EndToEndBenchmarks
{
    private string _directory = "";
    private string _path = "";

    /// <summary>Events written per invocation: 100,000 (one transaction) in CI; also 1,000,000 in full runs.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    public static IEnumerable<int> Sizes => Workload.CiMode ? [100_000] : [100_000, 1_000_000];

    [GlobalSetup]
    public void GlobalSetup()
    {
        _ = Workload.Indices; // builds the trace pool outside the measurement
        _directory = Workload.ScratchDirectory("e2e");
        _path = Path.Combine(_directory, "bench.db");
    }

    [IterationSetup]
    public void FreshFile() => Workload.DeleteDatabase(_path);

    [GlobalCleanup]
    public void GlobalCleanup() => Workload.DeleteScratch(_directory);

    [Benchmark(Baseline = true)]
    public void RawSqlite() => RawSqliteWriter.Run(_path, N);

    [Benchmark]
    public void MicrosoftDataSqlite() => MicrosoftDataSqliteWriter.Run(_path, N);

    [Benchmark]
    public long EventDb() => Workload.WriteWithEventDb(_directory, N);
}
