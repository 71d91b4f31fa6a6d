using System.Globalization;
using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// The process's file descriptors, and whether it has run out of them (EMFILE, or ENFILE system-wide) when opening a
/// logger fails. That failure takes other shapes on its way up: SQLite says "unable to open database file", and .NET
/// throws an <see cref="OutOfMemoryException"/> when a thread cannot start.
/// </summary>
internal static partial class Descriptors
{
    private const int RlimitNofile = 7;
    private const int TooManyInSystem = 23, TooManyInProcess = 24; // ENFILE, EMFILE

    // Starting a thread, opening a database with its WAL and shared memory: each takes more than one descriptor, so a
    // process this close to its limit cannot count on any of them.
    private const int Margin = 16;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    /// <summary>Whether <paramref name="errno"/> says there are no descriptors left to open.</summary>
    public static bool IsExhaustion(int errno) => errno is TooManyInProcess or TooManyInSystem;

    /// <summary>
    /// When the process is at (or within a few of) its limit on open descriptors, a sentence saying so, with the
    /// numbers; otherwise null (and elsewhere than on Linux). Only for failure paths: it lists /proc/self/fd.
    /// </summary>
    public static string? Shortage()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            if (getrlimit(RlimitNofile, out var limit) != 0)
                return null;
            long open;
            try
            {
                open = Directory.EnumerateFileSystemEntries("/proc/self/fd").LongCount() - 1; // less the listing's own
            }
            catch (IOException)
            {
                open = (long)Math.Min(limit.Current, long.MaxValue); // not even the listing could open
            }
            return (long)Math.Min(limit.Current, long.MaxValue) - open < Margin ? Sentence(open, limit.Current) : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The sentence for a failed call whose errno says it, when there is nothing else to go on.</summary>
    public static string ShortageOrExhausted() => Shortage() ?? "the process is out of file descriptors (RLIMIT_NOFILE, 'ulimit -n')";

    private static string Sentence(long open, ulong limit) => string.Create(CultureInfo.InvariantCulture,
        $"the process is out of file descriptors: {open} are open and its limit (RLIMIT_NOFILE, 'ulimit -n') is {limit}");

    /// <summary>Starts <paramref name="thread"/>, or throws an <see cref="EventDbException"/> saying why it could not.</summary>
    public static void Start(Thread thread)
    {
        try
        {
            thread.Start();
        }
        catch (OutOfMemoryException ex)
        {
            throw new EventDbException($"The thread '{thread.Name}' could not start: {Shortage() ?? "out of memory"}.", ex);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);
}
