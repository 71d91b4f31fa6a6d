using System.Diagnostics;
using System.Globalization;

namespace EventDb.Benchmarks;

/// <summary>
/// <c>--quick-export [N] [rounds]</c>: <see cref="ExportBenchmarks"/>' two cases in this process without BenchmarkDotNet,
/// interleaved (scan, export, scan, export, ...) so a change in machine load hits both alike; prints each round, the
/// medians, the ratio of rows/s and the bytes of Parquet written. For iterating on the export on a noisy machine; the
/// CI figure stays the BenchmarkDotNet one (<c>--ci --filter '*ExportBenchmarks*'</c>).
/// </summary>
internal static class ExportQuickCheck
{
    public static int Run(string[] args)
    {
        int at = Array.IndexOf(args, "--quick-export");
        int n = args.Length > at + 1 && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var v) ? v : 100_000;
        int rounds = args.Length > at + 2 && int.TryParse(args[at + 2], CultureInfo.InvariantCulture, out var r) ? r : 9;
        var bench = new ExportBenchmarks { N = n };
        bench.GlobalSetup();
        try
        {
            var scans = new List<double>();
            var exports = new List<double>();
            var scanCpu = new List<double>();
            var exportCpu = new List<double>();
            var process = Process.GetCurrentProcess();
            for (int round = 0; round < rounds; round++)
            {
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                bench.SqliteScan();
                scans.Add(watch.Elapsed.TotalMilliseconds);
                process.Refresh();
                scanCpu.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
                bench.IterationSetup();
                process.Refresh();
                cpu = process.TotalProcessorTime;
                watch.Restart();
                bench.Export();
                exports.Add(watch.Elapsed.TotalMilliseconds);
                process.Refresh();
                exportCpu.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: scan {scans[^1],7:F1} ms ({scanCpu[^1],5:F0} ms CPU)  export {exports[^1],7:F1} ms ({exportCpu[^1],5:F0} ms CPU)"));
            }
            long bytes = bench.CorpusBytes();
            double scan = Median(scans), export = Median(exports);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median: scan {scan:F1} ms ({Median(scanCpu):F0} ms CPU)  export {export:F1} ms ({Median(exportCpu):F0} ms CPU, all threads)  export rows/s vs scan {scan / export:F2}x; Parquet {bytes:N0} bytes"));
            return 0;
        }
        finally
        {
            bench.GlobalCleanup();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
