using System.Runtime.InteropServices;

namespace EventDb.PowerLossTests;

/// <summary>The few libc calls the power-loss tests make themselves.</summary>
internal static partial class Posix
{
    public const int SigKill = 9;

    /// <summary>Sends a real signal; false when the process is gone.</summary>
    public static bool Signal(long pid, int signal) => kill((int)pid, signal) == 0;

    public static bool IsRoot => geteuid() == 0;

    /// <summary>Creates a FIFO (LazyFS reads its commands from one and reports on another).</summary>
    public static void MakeFifo(string path)
    {
        if (mkfifo(path, Convert.ToUInt32("600", 8)) != 0)
            throw new IOException($"mkfifo '{path}' failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static bool IsAlive(long pid) => Directory.Exists($"/proc/{pid}");

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    private static partial uint geteuid();

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkfifo(string path, uint mode);
}
