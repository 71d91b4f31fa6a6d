using System.Runtime.InteropServices;

namespace EventDb.Hosting.Tests;

/// <summary>A real signal, as a container runtime or systemd sends it: not Process.Kill, which is SIGKILL.</summary>
internal static partial class Posix
{
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
