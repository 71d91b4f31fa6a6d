using BenchmarkDotNet.Attributes;
using EventDb.Penguin;

namespace EventDb.Benchmarks;

/// <summary>
/// Reading every syscall of a 1M- and a 10M-event file: streamed, so the peak memory of the read must not grow with
/// the file. Each N runs in its own process; the peak resident set is reset after the file is written (GlobalSetup),
/// so what is recorded at GlobalCleanup is the read's.
/// </summary>
[Config(typeof(BenchConfigs.Scale))]
public class ReadScaleBenchmarks
{
    private string _directory = "";
    private string _path = "";

    /// <summary>Workload events in the file.</summary>
    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _ = Workload.Indices;
        _directory = Workload.ScratchDirectory("read-scale");
        _path = Path.Combine(_directory, "bench.db");
        Workload.WriteWithEventDb(_directory, N);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Workload.ResetPeakWorkingSet();
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        PeakWorkingSet.Record(nameof(ReadScaleBenchmarks), nameof(EventDb), N);
        Workload.DeleteScratch(_directory);
    }

    [Benchmark]
    public long EventDb()
    {
        using var file = EventFile.OpenRead(_path);
        long checksum = 0;
        foreach (var syscall in file.Read<Syscall>())
            checksum += ReadBenchmarks.Checksum(in syscall);
        return checksum;
    }
}
