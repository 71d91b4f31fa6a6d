using System.Diagnostics;
using System.Globalization;

namespace EventDb.Benchmarks;

/// <summary>
/// <c>--add [producers] [rounds]</c>: <see cref="ProducerBenchmarks"/> without BenchmarkDotNet, its three methods
/// interleaved round by round (each after its own iteration setup), so a change in machine load hits them alike; prints
/// each one's median ns per Add and the differences the CI targets compare. For a quick check on a busy machine.
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
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                foreach (var (name, setup, run) in methods)
                {
                    setup();
                    long start = Stopwatch.GetTimestamp();
                    run();
                    ns[name].Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / ProducerBenchmarks.AddsPerInvoke);
                }
            }
        }
        finally
        {
            bench.GlobalCleanup();
        }
        // The first rounds run code the JIT has not optimized yet.
        var median = ns.ToDictionary(m => m.Key, m => Median(m.Value.Skip(rounds / 4)));
        foreach (var (name, value) in median)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median {name,-22} {value,6:0.0} ns/op ({producers} producer{(producers == 1 ? "" : "s")})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Add - CopyFloor {median["Add"] - median["CopyFloor"]:0.0} ns, Add - CopyAndSequenceFloor {median["Add"] - median["CopyAndSequenceFloor"]:0.0} ns"));
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
