using System.Globalization;

namespace EventDb.Benchmarks;

/// <summary>
/// Carries a benchmark process's peak resident set to the host: the child writes it at GlobalCleanup into the
/// directory named by EVENTDB_BENCH_PEAKS (set by the host), and <see cref="PeakWorkingSetColumn"/> reads it back.
/// </summary>
public static class PeakWorkingSet
{
    public const string DirectoryVariable = "EVENTDB_BENCH_PEAKS";

    public static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "eventdb-bench", "peaks");

    public static void Record(string type, string method, long n)
    {
        long bytes = Workload.PeakWorkingSetBytes();
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(PathFor(type, method, n), bytes.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {type}.{method} N={n}: peak working set (VmHWM) {bytes / 1048576.0:F1} MiB"));
    }

    /// <summary>The recorded peak in bytes, or null when none was recorded.</summary>
    public static long? Read(string type, string method, long n)
    {
        var path = PathFor(type, method, n);
        return File.Exists(path) && long.TryParse(File.ReadAllText(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) ? bytes : null;
    }

    public static void Clear()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string PathFor(string type, string method, long n) => Path.Combine(Directory, $"{type}.{method}-N{n}.txt");
}
