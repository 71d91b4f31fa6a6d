using System.Diagnostics;
using System.Globalization;

namespace EventDb.Benchmarks;

/// <summary>
/// <c>--add [producers] [rounds]</c>: <see cref="ProducerBenchmarks"/> without BenchmarkDotNet, its three methods
/// interleaved round by round (each after its own iteration setup), so a change in machine load hits them alike; prints
/// each one's median ns per Add and the differences the CI targets compare; then the measuring thread's CPU time per
/// event and the bytes it allocated, which a busy machine disturbs far less. For a quick check on a busy machine.
/// </summary>
internal static class AddCheck
{
    public static int Run(string[] args)
    {
        int at = Array.IndexOf(args, "--add");
        int producers = args.Length > at + 1 && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var p) ? p : 2;
        int rounds = args.Length > at + 2 && int.TryParse(args[at + 2], CultureInfo.InvariantCulture, out var r) ? r : 41;
        var bench = new ProducerBenchmarks { Producers = producers };
        bench.GlobalSetup();
        var methods = new (string Name, Action Setup, Action Run)[]
        {
            ("Add", bench.Backlog, bench.Add),
            ("CopyFloor", bench.BacklogForCopy, bench.CopyFloor),
            ("CopyAndSequenceFloor", bench.BacklogForCopy, bench.CopyAndSequenceFloor),
        };
        var ns = methods.ToDictionary(m => m.Name, _ => new List<double>());
        var cpu = methods.ToDictionary(m => m.Name, _ => new List<double>());
        var allocated = methods.ToDictionary(m => m.Name, _ => 0L);
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                foreach (var (name, setup, run) in methods)
                {
                    setup();
                    long startBytes = GC.GetAllocatedBytesForCurrentThread();
                    long startCpu = ProcessCpu.ThreadNanoseconds();
                    long start = Stopwatch.GetTimestamp();
                    run();
                    ns[name].Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / ProducerBenchmarks.AddsPerInvoke);
                    cpu[name].Add((double)(ProcessCpu.ThreadNanoseconds() - startCpu) / (ProducerBenchmarks.AddsPerInvoke / producers));
                    if (round >= rounds / 4)
                        allocated[name] += GC.GetAllocatedBytesForCurrentThread() - startBytes;
                }
            }
        }
        finally
        {
            bench.GlobalCleanup();
        }
        // The first rounds run code the JIT has not optimized yet.
        var median = ns.ToDictionary(m => m.Key, m => Median(m.Value.Skip(rounds / 4)));
        var cpuMedian = cpu.ToDictionary(m => m.Key, m => Median(m.Value.Skip(rounds / 4)));
        foreach (var (name, value) in median)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median {name,-22} {value,6:0.0} ns/op ({producers} producer{(producers == 1 ? "" : "s")})"));
        // Wall time counts the moments the thread waited for a core, which on a busy 2-core machine swamp a few ns;
        // the measuring thread's CPU time per event it handled does not (with 2 producers, it did half of them).
        foreach (var (name, value) in cpuMedian)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cpu    {name,-22} {value,6:0.0} ns/op (the measuring thread's CPU time per event it handled), {allocated[name] / (double)(rounds - rounds / 4) / (ProducerBenchmarks.AddsPerInvoke / producers):0.00} B/op allocated on it"));
        // Each round runs the three back to back: the median of a round's differences shrugs off a load change between
        // rounds better than the difference of the medians.
        double Paired(Dictionary<string, List<double>> figures, string floor) =>
            Median(figures["Add"].Zip(figures[floor], (add, copy) => add - copy).Skip(rounds / 4));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Add - CopyFloor {median["Add"] - median["CopyFloor"]:0.0} ns, Add - CopyAndSequenceFloor {median["Add"] - median["CopyAndSequenceFloor"]:0.0} ns (round by round: {Paired(ns, "CopyFloor"):0.0}, {Paired(ns, "CopyAndSequenceFloor"):0.0})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cpu: Add - CopyFloor {cpuMedian["Add"] - cpuMedian["CopyFloor"]:0.0} ns, Add - CopyAndSequenceFloor {cpuMedian["Add"] - cpuMedian["CopyAndSequenceFloor"]:0.0} ns (round by round: {Paired(cpu, "CopyFloor"):0.0}, {Paired(cpu, "CopyAndSequenceFloor"):0.0})"));
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
