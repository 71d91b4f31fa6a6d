using System.Runtime.InteropServices;

namespace EventDb.Cli.Terminal;

/// <summary>
/// The system calls the tool makes on its output descriptors itself: <c>write(2)</c>, so that every error surfaces
/// (.NET's console stream drops EPIPE), and <c>poll(2)</c>, to see a reader go away while nothing is being written.
/// </summary>
internal static unsafe partial class Posix
{
    public const int StandardOutput = 1;
    public const int StandardError = 2;

    private const short PollOut = 0x4, PollError = 0x8, PollHangUp = 0x10;
    private const int Interrupted = 4, WouldBlock = 11;

    /// <summary>Writes all of <paramref name="bytes"/> to <paramref name="descriptor"/>; the <c>errno</c> of a failure, or 0.</summary>
    public static int WriteAll(int descriptor, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            int done = 0;
            while (done < bytes.Length)
            {
                nint written = write(descriptor, start + done, bytes.Length - done);
                if (written >= 0)
                {
                    done += (int)written;
                    continue;
                }
                int errno = Marshal.GetLastPInvokeError();
                if (errno == WouldBlock)
                    _ = Poll(descriptor, PollOut, -1); // a descriptor someone else made non-blocking: wait until it takes more
                else if (errno != Interrupted)
                    return errno;
            }
            return 0;
        }
    }

    /// <summary>
    /// Whether the other end of <paramref name="descriptor"/> is gone: a pipe or FIFO whose reader closed it
    /// (<c>POLLERR</c>), a socket shut or a terminal hung up (<c>POLLHUP</c>). Never true for a regular file. Does not wait.
    /// </summary>
    public static bool ReaderGone(int descriptor) => (Poll(descriptor, 0, 0) & (PollError | PollHangUp)) != 0;

    /// <summary>Whether <paramref name="descriptor"/> would take a short write now without waiting.</summary>
    public static bool Writable(int descriptor) => (Poll(descriptor, PollOut, 0) & PollOut) != 0;

    /// <summary>Whether <paramref name="descriptor"/> is a terminal.</summary>
    public static bool IsTerminal(int descriptor) => isatty(descriptor) == 1;

    /// <summary>The C library's words for <paramref name="errno"/> ("Broken pipe", "No space left on device").</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    private static short Poll(int descriptor, short events, int timeoutMs)
    {
        var entry = new PollEntry { Descriptor = descriptor, Events = events };
        int rc;
        do
            rc = poll(&entry, 1, timeoutMs);
        while (rc < 0 && Marshal.GetLastPInvokeError() == Interrupted);
        return rc > 0 ? entry.ReturnedEvents : (short)0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollEntry
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int descriptor, byte* buffer, nint count);

    [LibraryImport("libc")]
    private static partial int isatty(int descriptor);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int poll(PollEntry* entries, nuint count, int timeoutMs);
}
