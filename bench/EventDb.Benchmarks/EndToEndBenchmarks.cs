using BenchmarkDotNet.Attributes;

namespace EventDb.Benchmarks;

/// <summary>
/// The contenders end to end: open a fresh file, create the tables, write N events (100,000 per transaction) and
/// close, everything committed. Timed from open to close for the three .NET contenders, so each pays the same WAL
/// checkpoint. The C layout is timed as its issue states it, BEGIN..COMMIT of the batches only: opening and closing
/// happen in its iteration setup and cleanup.
/// </summary>
[Config(typeof(BenchConfigs.EndToEnd))]
public class EndToEndBenchmarks
{
    private string _directory = "";
    private string _path = "";
    private CMaxLayout? _cmax;

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

    [GlobalSetup(Target = nameof(CMaxLayout))]
    public void LoadCMax()
    {
        GlobalSetup();
        _cmax = global::EventDb.Benchmarks.CMaxLayout.Load(N);
    }

    [IterationSetup(Targets = [nameof(RawSqlite), nameof(MicrosoftDataSqlite), nameof(EventDb)])]
    public void FreshFile() => Workload.DeleteDatabase(_path);

    [IterationSetup(Target = nameof(CMaxLayout))]
    public void OpenCMax()
    {
        Workload.DeleteDatabase(_path);
        _cmax!.Open(_path);
    }

    [IterationCleanup(Target = nameof(CMaxLayout))]
    public void CloseCMax() => _cmax!.Close();

    [GlobalCleanup]
    public void GlobalCleanup() => Workload.DeleteScratch(_directory);

    [Benchmark(Baseline = true)]
    public void RawSqlite() => RawSqliteWriter.Run(_path, N);

    [Benchmark]
    public void MicrosoftDataSqlite() => MicrosoftDataSqliteWriter.Run(_path, N);

    [Benchmark]
    public long EventDb() => Workload.WriteWithEventDb(_directory, N);

    /// <summary>The C program's layout (CMax/cmax.c), BEGIN..COMMIT only.</summary>
    [Benchmark]
    public void CMaxLayout() => _cmax!.Write();
}
