using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using EventDb.Penguin;

namespace EventDb.Benchmarks;

/// <summary>
/// Issue 23: <c>eventdb report</c> on the demo's trace at 1M and 10M events, the .NET tool run as users run it (a
/// process: start-up, reading, the page written), against <c>eventdb info</c> on the same file (start-up and a count of
/// each table) as the baseline. The page's size is recorded for the target lines: under 1 MB, and the same at 10M.
/// </summary>
[Config(typeof(BenchConfigs.Report))]
public class ReportBenchmarks
{
    private string _run = "";
    private string _page = "";

    /// <summary>Events in the demo run.</summary>
    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    /// <summary>
    /// The tool's dll: <c>EVENTDB_CLI_DLL</c>, or the Release build in the repository, which <c>dotnet test EventDb.sln
    /// -c Release</c> (run by .ci/run before the benchmark) makes. Not a project reference: BenchmarkDotNet would build
    /// the tool again for every generated project, and its build has a time limit.
    /// </summary>
    public static string ToolPath
    {
        get
        {
            if (Environment.GetEnvironmentVariable("EVENTDB_CLI_DLL") is { Length: > 0 } configured)
                return configured;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var dll = Path.Combine(dir.FullName, "src", "EventDb.Cli", "bin", "Release", "net10.0", "EventDb.Cli.dll");
                if (File.Exists(Path.Combine(dir.FullName, "EventDb.sln")))
                    return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: dotnet build src/EventDb.Cli -c Release first.");
            }
            throw new InvalidOperationException("The repository (EventDb.sln) is not above " + AppContext.BaseDirectory + "; set EVENTDB_CLI_DLL.");
        }
    }

    [GlobalSetup]
    public void GlobalSetup()
    {
        // Written once per host run (each N in its own process; the 10M run is about 15-30 s to write).
        _run = Workload.SharedScratchDirectory($"report-demo-{N}");
        _page = Path.Combine(_run, "report.html");
        var complete = Path.Combine(_run, "complete");
        if (File.Exists(complete))
            return;
        WriteDemo(_run, N);
        File.WriteAllText(complete, "");
    }

    /// <summary>The demo's file: the first <paramref name="events"/> events of <c>PenguinTrace(seed: 42)</c>, every kind.</summary>
    public static void WriteDemo(string directory, long events)
    {
        Workload.DeleteDatabase(Path.Combine(directory, EventFile.DefaultFileName));
        var trace = new PenguinTrace(seed: 42);
        var logger = EventLogger.Open(new EventLoggerOptions { Directory = directory, Tables = PenguinTables.All, BufferSize = Workload.EventsPerTransaction });
        for (long i = 0; i < events; i++)
            trace.AddTo(logger, i);
        logger.Dispose();
        if (logger.WrittenEvents != events)
            throw new InvalidOperationException($"The demo run has {logger.WrittenEvents} of {events} events.");
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        if (File.Exists(_page))
            PageSize.Record(N, new FileInfo(_page).Length);
        if (!Workload.SharedScratchIsHostOwned)
            Workload.DeleteScratch(_run);
    }

    [Benchmark(Baseline = true)]
    public int Info() => Tool("info", _run);

    [Benchmark]
    public int Report() => Tool("report", _run, "-o", _page);

    private static int Tool(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"eventdb {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
        return output.Result.Length;
    }

    /// <summary>Carries the page's size from the benchmark process to the host's target lines (as <see cref="PeakWorkingSet"/> does).</summary>
    public static class PageSize
    {
        public static void Record(long n, long bytes)
        {
            Directory.CreateDirectory(PeakWorkingSet.Directory);
            File.WriteAllText(PathFor(n), bytes.ToString(CultureInfo.InvariantCulture));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// ReportBenchmarks N={n}: page {bytes:N0} bytes"));
        }

        public static long? Read(long n) =>
            File.Exists(PathFor(n)) && long.TryParse(File.ReadAllText(PathFor(n)), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) ? bytes : null;

        private static string PathFor(long n) => Path.Combine(PeakWorkingSet.Directory, $"report-page-N{n}.txt");
    }
}
