using System.Globalization;
using System.Runtime.InteropServices;

namespace EventDb.Benchmarks;

/// <summary>
/// The process's CPU time, user and system, over all its threads (those that have ended included): what a contender
/// costs the machine, which on two cores is taken from whatever else runs there. Load from other processes disturbs it
/// far less than wall time.
/// </summary>
public static partial class ProcessCpu
{
    public const string DirectoryVariable = "EVENTDB_BENCH_CPU";

    private const int ClockProcessCpuTimeId = 2; // CLOCK_PROCESS_CPUTIME_ID
    private const int ClockThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    /// <summary>The process's CPU time so far, in nanoseconds (Linux: CLOCK_PROCESS_CPUTIME_ID).</summary>
    public static long Nanoseconds()
    {
        if (ClockGetTime(ClockProcessCpuTimeId, out var time) != 0)
            return (long)(Environment.CpuUsage.TotalTime.TotalMilliseconds * 1e6); // not Linux: coarser
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    /// <summary>
    /// The calling thread's CPU time so far, in nanoseconds, or -1 off Linux: unlike wall time, it leaves out the time
    /// the thread waited for a core, so on a busy machine it shows what the thread's own code costs.
    /// </summary>
    public static long ThreadNanoseconds() =>
        ClockGetTime(ClockThreadCpuTimeId, out var time) == 0 ? time.Seconds * 1_000_000_000 + time.Nanoseconds : -1;

    private static readonly List<double> s_samples = [];

    /// <summary>Keeps one invocation's CPU time, in nanoseconds (written out by <see cref="Save"/>).</summary>
    public static void Sample(long nanoseconds) => s_samples.Add(nanoseconds);

    /// <summary>
    /// Writes this process's samples, one per invocation in the order they ran, where the host reads them
    /// (<see cref="Median"/>); the host knows how many of the last ones were the measured iterations.
    /// </summary>
    public static void Save(string type, string method, long n)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllLines(PathFor(type, method, n), s_samples.Select(s => s.ToString("R", CultureInfo.InvariantCulture)));
        s_samples.Clear();
    }

    /// <summary>The median of the last <paramref name="measured"/> samples saved for a case, or null.</summary>
    public static double? Median(string type, string method, long n, int measured)
    {
        var path = PathFor(type, method, n);
        if (!File.Exists(path) || measured <= 0)
            return null;
        var samples = File.ReadAllLines(path).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToList();
        if (samples.Count < measured)
            return null;
        var last = samples.Skip(samples.Count - measured).Order().ToList();
        return last.Count % 2 == 1 ? last[last.Count / 2] : (last[last.Count / 2 - 1] + last[last.Count / 2]) / 2;
    }

    public static void Clear()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "eventdb-bench", "cpu");

    private static string PathFor(string type, string method, long n) => Path.Combine(Directory, $"{type}.{method}-N{n}.txt");
}
