using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace EventDb.Benchmarks;

/// <summary>
/// The jobs of each benchmark class: a full configuration by default, a reduced one when the host runs <c>--ci</c>
/// (it sets EVENTDB_BENCH_CI=1 before BenchmarkDotNet reads the class attributes). Each iteration is one invocation
/// (Monitoring: no pilot, no overhead subtraction), since each writes a whole file.
/// </summary>
public static class BenchConfigs
{
    private static Job Monitoring(string id, int warmups, int iterations) =>
        Job.Default.WithId(id).WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(warmups).WithIterationCount(iterations);

    /// <summary>The three contenders at N = 100,000.</summary>
    public sealed class EndToEnd : ManualConfig
    {
        public EndToEnd() => AddJob(Workload.CiMode ? Monitoring("ci", 2, 9) : Monitoring("full", 3, 25));
    }

    /// <summary>EventDb at 100k, 1M and 10M events: few iterations, each a whole file (10M is about half a minute).</summary>
    public sealed class Scale : ManualConfig
    {
        public Scale() => AddJob(Workload.CiMode ? Monitoring("ci", 0, 2) : Monitoring("full", 1, 5));
    }

    /// <summary>Reading 200,000 events' rows: each iteration reads the whole file.</summary>
    public sealed class Read : ManualConfig
    {
        public Read() => AddJob(Workload.CiMode ? Monitoring("ci", 2, 11) : Monitoring("full", 3, 25));
    }

    /// <summary>Add cost: many short iterations (400,000 Adds each); a single one swings between about 30 and 90 ns, so the median needs many.</summary>
    public sealed class Producer : ManualConfig
    {
        public Producer() => AddJob(Workload.CiMode ? Monitoring("ci", 5, 31) : Monitoring("full", 5, 40));
    }

    /// <summary>Exporting a 100,000-event run (200,000 rows) to Parquet against scanning the same rows: each iteration a whole run.</summary>
    public sealed class Export : ManualConfig
    {
        public Export() => AddJob(Workload.CiMode ? Monitoring("ci", 1, 5) : Monitoring("full", 2, 15));
    }

    /// <summary>Normal against Full end to end, 200,000 events a file: four cases of a few hundred milliseconds each.</summary>
    public sealed class Durability : ManualConfig
    {
        public Durability() => AddJob(Workload.CiMode ? Monitoring("ci", 1, 5) : Monitoring("full", 3, 25));
    }

    /// <summary>A 20-run aggregate (20 x 100,000 events): each iteration opens the corpus (or the 20 files) and runs it once.</summary>
    public sealed class Campaign : ManualConfig
    {
        public Campaign() => AddJob(Workload.CiMode ? Monitoring("ci", 1, 7) : Monitoring("full", 3, 25));
    }

    /// <summary>eventdb report at 1M and 10M events (a 10M report is about 15-30 s): two runs each, no warm-up.</summary>
    public sealed class Report : ManualConfig
    {
        public Report() => AddJob(Workload.CiMode ? Monitoring("ci", 0, 2) : Monitoring("full", 1, 5));
    }
}
