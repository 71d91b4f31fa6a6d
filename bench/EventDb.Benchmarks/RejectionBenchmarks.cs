using BenchmarkDotNet.Attributes;
using EventDb.Penguin;

namespace EventDb.Benchmarks;

/// <summary>
/// What rejected events cost: 100,000 workload events, all good, against the same with every 100th replaced by a
/// syscall whose last repr holds an unpaired surrogate (its child row fails, after its base row was written). The
/// batch is written once either way; each run checks that exactly the 99,000 good events land.
/// </summary>
[Config(typeof(BenchConfigs.EndToEnd))]
public class RejectionBenchmarks
{
    private const int N = 100_000;
    private const int BadEvery = 100;

    private string _directory = "";

    [GlobalSetup]
    public void GlobalSetup()
    {
        _ = Workload.Indices;
        _directory = Workload.ScratchDirectory("rejections");
    }

    [IterationSetup]
    public void FreshFile() => Workload.DeleteDatabase(Path.Combine(_directory, "bench.db"));

    [GlobalCleanup]
    public void GlobalCleanup() => Workload.DeleteScratch(_directory);

    [Benchmark(Baseline = true)]
    public long AllGood() => Workload.WriteWithEventDb(_directory, N);

    [Benchmark]
    public long OnePercentBad()
    {
        var logger = EventLogger.Open(Workload.LoggerOptions(_directory, "bench.db"));
        var bad = new Syscall { Name = "sys_write", Arg5Repr = "bad \uD800", Procname = "bench", ProcId = 1 };
        for (long start = 0; start < N; start += BadEvery)
        {
            Workload.AddRange(logger, start, BadEvery - 1);
            logger.Add(in bad);
        }
        logger.Dispose();
        const int Good = N - N / BadEvery;
        return logger.WrittenEvents == Good && logger.RejectedEvents == N / BadEvery
            ? Good
            : throw new InvalidOperationException($"EventDb wrote {logger.WrittenEvents} and rejected {logger.RejectedEvents} of {N} events.");
    }
}
