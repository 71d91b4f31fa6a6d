using BenchmarkDotNet.Attributes;

namespace EventDb.Benchmarks;

/// <summary>
/// What <see cref="EventLoggerOptions.Durability"/> costs: EventDb end to end (a fresh file, N events from one thread,
/// everything committed and the file sealed) with <see cref="Durability.Normal"/> (the baseline: commits sync nothing,
/// the checkpoint thread syncs) and <see cref="Durability.Full"/> (every commit syncs the WAL), committing every
/// <see cref="BufferSize"/> events: the default, and a producer that flushes a hundred times as often.
/// </summary>
[Config(typeof(BenchConfigs.Durability))]
public class DurabilityBenchmarks
{
    private string _directory = "";

    /// <summary>Events written per invocation.</summary>
    [Params(200_000)]
    public int N { get; set; }

    /// <summary>Events per commit: <see cref="EventLoggerOptions.BufferSize"/>'s default, and a hundredth of it.</summary>
    [Params(100_000, 1_000)]
    public int BufferSize { get; set; }

    [Params(Durability.Normal, Durability.Full)]
    public Durability Durability { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _ = Workload.Indices;
        _directory = Workload.ScratchDirectory("durability");
    }

    [IterationSetup]
    public void FreshFile() => Workload.DeleteDatabase(Path.Combine(_directory, "bench.db"));

    [GlobalCleanup]
    public void GlobalCleanup() => Workload.DeleteScratch(_directory);

    [Benchmark]
    public long EventDb()
    {
        var logger = EventLogger.Open(Workload.LoggerOptions(_directory, "bench.db") with { BufferSize = BufferSize, Durability = Durability });
        Workload.AddRange(logger, 0, N);
        logger.Dispose();
        return logger.WrittenEvents == N ? N : throw new InvalidOperationException($"EventDb wrote {logger.WrittenEvents} of {N} events.");
    }
}
