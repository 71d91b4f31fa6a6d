using System.Diagnostics;
using System.Globalization;
using SQLitePCL;

namespace EventDb.Benchmarks;

/// <summary>
/// <c>--quick [N] [rounds] [--only A,B] [--flush-phase]</c>: runs each end-to-end contender in this process without BenchmarkDotNet, checks that each
/// wrote N event rows and N child rows, and prints events/s and the process's CPU time per event per round, then each
/// contender's medians and EventDb's ratios. Rounds interleave the contenders, so a change in machine load hits all of them alike (BenchmarkDotNet runs
/// them one after another). For a fast sanity check, a noisy machine, or a profiler.
/// </summary>
internal static class QuickCheck
{
    public static int Run(string[] args)
    {
        int at = Array.IndexOf(args, "--quick");
        int n = args.Length > at + 1 && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var v) ? v : 100_000;
        int rounds = args.Length > at + 2 && int.TryParse(args[at + 2], CultureInfo.InvariantCulture, out var r) ? r : 3;
        var dir = Workload.ScratchDirectory("quick");
        var path = Path.Combine(dir, "bench.db");
        _ = Workload.Indices;
        // --flush-phase: EventDb flushes before Dispose, to show the batch apart from the close (checkpoint, seal).
        bool flushPhase = args.Contains("--flush-phase");
        var cmax = new Lazy<CMaxLayout>(() => CMaxLayout.Load(n));
        // Each returns the time to count when it is not the whole run (the C layout counts BEGIN..COMMIT only), and the
        // process's CPU time over the span the CI target compares (EventDb: first Add to end of Dispose).
        (TimeSpan Wall, long Cpu) Span(Action run)
        {
            PerfWindow.Enable();
            long cpu = ProcessCpu.Nanoseconds();
            var watch = Stopwatch.StartNew();
            run();
            var span = (watch.Elapsed, ProcessCpu.Nanoseconds() - cpu);
            PerfWindow.Disable();
            return span;
        }
        (TimeSpan? Wall, long Cpu) CMax(bool appendIds)
        {
            cmax.Value.Open(path, appendIds);
            var write = Span(cmax.Value.Write);
            cmax.Value.Close();
            return write;
        }
        var contenders = new (string Name, Func<(TimeSpan? Wall, long Cpu)> Run)[]
        {
            ("RawSqlite", () => { var (_, cpu) = Span(() => RawSqliteWriter.Run(path, n)); return (null, cpu); }),
            ("MicrosoftDataSqlite", () => { var (_, cpu) = Span(() => MicrosoftDataSqliteWriter.Run(path, n)); return (null, cpu); }),
            ("CMaxLayout", () => CMax(appendIds: true)),
            ("CMaxLayoutBoundIds", () => CMax(appendIds: false)),
            ("EventDb", () =>
            {
                var phase = Stopwatch.StartNew();
                var logger = EventLogger.Open(Workload.LoggerOptions(dir, "bench.db"));
                var open = phase.Elapsed;
                PerfWindow.Enable();
                long cpu = ProcessCpu.Nanoseconds();
                Workload.AddRange(logger, 0, n);
                var added = phase.Elapsed;
                if (flushPhase)
                    logger.Flush();
                var flushed = phase.Elapsed;
                logger.Dispose();
                cpu = ProcessCpu.Nanoseconds() - cpu;
                PerfWindow.Disable();
                Console.Write(string.Create(CultureInfo.InvariantCulture,
                    $"  [EventDb phases: open {open.TotalMilliseconds:N0} ms, add {(added - open).TotalMilliseconds:N0} ms, {(flushPhase ? $"flush {(flushed - added).TotalMilliseconds:N0} ms, " : "")}dispose {(phase.Elapsed - flushed).TotalMilliseconds:N0} ms]\n"));
                return (null, cpu);
            }),
        };
        int only = Array.IndexOf(args, "--only");
        if (only >= 0 && only + 1 < args.Length)
        {
            var names = args[only + 1].Split(',');
            contenders = [.. contenders.Where(c => names.Contains(c.Name))];
        }
        int failures = 0;
        var seconds = contenders.ToDictionary(c => c.Name, _ => new List<double>());
        var cpuPerEvent = contenders.ToDictionary(c => c.Name, _ => new List<double>());
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                foreach (var (name, run) in contenders)
                {
                    Workload.DeleteDatabase(path);
                    var watch = Stopwatch.StartNew();
                    var (wall, cpu) = run();
                    var elapsed = wall ?? watch.Elapsed;
                    seconds[name].Add(elapsed.TotalSeconds);
                    cpuPerEvent[name].Add(cpu / 1000.0 / n);
                    var (events, children) = Count(path);
                    bool ok = events == n && children == n;
                    failures += ok ? 0 : 1;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name,-20} round {round}: {n / elapsed.TotalSeconds,12:N0} events/s ({elapsed.TotalMilliseconds:N0} ms), CPU {cpu / 1000.0 / n:0.000} us/event; rows event={events:N0} child={children:N0} {(ok ? "ok" : "WRONG")}"));
                }
            }
        }
        finally
        {
            Workload.DeleteScratch(dir);
        }
        var median = seconds.ToDictionary(p => p.Key, p => n / Median(p.Value));
        var cpuMedian = cpuPerEvent.ToDictionary(p => p.Key, p => Median(p.Value));
        foreach (var (name, rate) in median)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median {name,-20} {rate,12:N0} events/s, CPU {cpuMedian[name]:0.000} us/event over {rounds} rounds"));
        if (median.TryGetValue("EventDb", out var eventDb))
        {
            foreach (var (name, rate) in median.Where(m => m.Key != "EventDb"))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ratio EventDb/{name} {eventDb / rate:0.00}x events/s, {cpuMedian["EventDb"] / cpuMedian[name]:0.00}x CPU per event"));
        }
        return failures == 0 ? 0 : 1;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static (long Events, long Children) Count(string path)
    {
        Batteries_V2.Init();
        raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY, null);
        using (db)
        {
            long Scalar(string sql)
            {
                raw.sqlite3_prepare_v2(db, sql, out var statement);
                using (statement)
                {
                    raw.sqlite3_step(statement);
                    return raw.sqlite3_column_int64(statement, 0);
                }
            }
            return (Scalar("SELECT count(*) FROM event"),
                    Scalar("SELECT (SELECT count(*) FROM syscall) + (SELECT count(*) FROM read) + (SELECT count(*) FROM write)"));
        }
    }
}
