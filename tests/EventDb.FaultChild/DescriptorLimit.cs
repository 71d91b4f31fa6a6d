using System.Runtime.InteropServices;

/// <summary>This process's own limit on open descriptors (RLIMIT_NOFILE), and what it holds open.</summary>
internal static partial class DescriptorLimit
{
    private const int RlimitNofile = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    /// <summary>Sets the soft limit; the hard limit stays.</summary>
    public static void Set(ulong soft)
    {
        if (getrlimit(RlimitNofile, out var limit) != 0)
            throw new InvalidOperationException("getrlimit failed: " + Marshal.GetLastPInvokeError());
        limit.Current = Math.Min(soft, limit.Maximum);
        if (setrlimit(RlimitNofile, in limit) != 0)
            throw new InvalidOperationException("setrlimit failed: " + Marshal.GetLastPInvokeError());
    }

    /// <summary>The hard limit, as high as the soft one may go.</summary>
    public static ulong Maximum => getrlimit(RlimitNofile, out var limit) == 0 ? limit.Maximum : throw new InvalidOperationException("getrlimit failed");

    /// <summary>What each open descriptor leads to (a path, "socket:[n]", "pipe:[n]"), the listing's own left out.</summary>
    public static List<string> OpenDescriptors() =>
        [.. Directory.GetFileSystemEntries("/proc/self/fd").Select(fd => new FileInfo(fd).LinkTarget).OfType<string>()
            .Where(target => target != "/proc/" + Environment.ProcessId + "/fd").Order(StringComparer.Ordinal)];

    /// <summary>
    /// The names of this process's threads whose name starts with "EventDb". A thread that was joined may still be
    /// ending in the kernel for a moment: it is looked for again for up to a second before it counts.
    /// </summary>
    public static List<string> EventDbThreads()
    {
        for (int attempt = 0; ; attempt++)
        {
            var names = Directory.GetDirectories("/proc/self/task").Select(task => ReadComm(task)).Where(n => n.StartsWith("EventDb", StringComparison.Ordinal)).ToList();
            if (names.Count == 0 || attempt == 100)
                return names;
            Thread.Sleep(10);
        }
    }

    private static string ReadComm(string task)
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm")).Trim();
        }
        catch (IOException)
        {
            return ""; // ended while we looked
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in RLimit limit);
}
