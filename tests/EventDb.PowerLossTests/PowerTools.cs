using System.Globalization;

namespace EventDb.PowerLossTests;

/// <summary>
/// What the suite needs from the machine — root, <c>/dev/fuse</c>, fuse3's <c>fusermount3</c>, <c>strace</c> and the
/// prebuilt LazyFS — and how many cut points each test makes. A test never skips: without any of them it fails saying
/// which is missing (<c>.ci/run</c> installs fuse3 and strace and runs as root).
/// </summary>
internal static class PowerTools
{
    /// <summary>Overrides where LazyFS's <c>lazyfs</c> wrapper is (default: <c>shared/tools/lazyfs/lazyfs</c> beside or above the repository).</summary>
    public const string LazyFsVariable = "EVENTDB_LAZYFS";

    /// <summary>Cut points per test (each a kill, a power cut and a check): 3 by default; the long mode sets more.</summary>
    public const string RoundsVariable = "EVENTDB_POWER_ROUNDS";

    private static readonly Lazy<string?> s_problem = new(FindProblem);

    public static int Rounds =>
        int.TryParse(Environment.GetEnvironmentVariable(RoundsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out int rounds) && rounds > 0 ? rounds : 3;

    public static string LazyFs => Environment.GetEnvironmentVariable(LazyFsVariable) is { Length: > 0 } path ? path : FindLazyFs() ?? "lazyfs";

    public static string Strace => OnPath("strace") ?? "strace";

    public static string FuserMount => OnPath("fusermount3") ?? "fusermount3";

    /// <summary>Fails the test, naming what is missing, unless everything a LazyFS mount and a traced child need is here.</summary>
    public static void Require()
    {
        if (s_problem.Value is { } problem)
        {
            string where = Environment.GetEnvironmentVariable("CI") == "true" ? "CI must run it" : "it does not skip";
            Assert.Fail($"The power-loss suite cannot run here ({where}): {problem}");
        }
    }

    private static string? FindProblem()
    {
        var missing = new List<string>();
        if (!OperatingSystem.IsLinux())
            return "LazyFS is a Linux FUSE file system.";
        if (!Posix.IsRoot)
            missing.Add("root (FUSE mounts with allow_other, as CI runs)");
        if (!File.Exists("/dev/fuse"))
            missing.Add("/dev/fuse");
        if (OnPath("fusermount3") is null)
            missing.Add("fusermount3 (apt-get install -y fuse3)");
        if (OnPath("strace") is null)
            missing.Add("strace (apt-get install -y strace)");
        if (!File.Exists(LazyFs))
            missing.Add($"LazyFS's wrapper '{LazyFs}' (set {LazyFsVariable} to the prebuilt lazyfs)");
        return missing.Count == 0 ? null : "missing " + string.Join(", ", missing) + ".";
    }

    /// <summary>The prebuilt LazyFS the project keeps in <c>shared/tools/lazyfs</c>, in the repository's directory or one above it.</summary>
    private static string? FindLazyFs()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "tools", "lazyfs", "lazyfs");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
