using System.Diagnostics;

namespace EventDb.FaultTests;

/// <summary>A fresh directory under the temp folder, deleted with the test; optionally a small tmpfs mount.</summary>
internal sealed class FaultDirectory : IDisposable
{
    private bool _mounted;

    public FaultDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eventdb-faults", Guid.NewGuid().ToString("N"));

    public string DbPath => System.IO.Path.Combine(Path, "plugins.db");

    /// <summary>Options for this directory with a short flush interval and the fault tables created up front.</summary>
    public EventLoggerOptions Options() => new()
    {
        Directory = Path,
        FlushInterval = TimeSpan.FromMilliseconds(100),
        Tables = [Numbered.Schema, Labelled.Schema],
    };

    public RawDb OpenRaw(bool readOnly = false, int busyTimeoutMs = 5_000) => RawDb.Open(DbPath, readOnly, busyTimeoutMs);

    /// <summary>
    /// Mounts a tmpfs of <paramref name="size"/> (for instance "1m") on this directory: a real file system that really
    /// runs out of space. Needs root (CI runs as root); fails the test with a clear message otherwise.
    /// </summary>
    public void MountTmpfs(string size)
    {
        Run("mount", $"-t tmpfs -o size={size} eventdb-faults \"{Path}\"", "mounting a small tmpfs needs root (CI runs as root)");
        _mounted = true;
    }

    /// <summary>Changes the size of the tmpfs: growing it frees space under a running logger.</summary>
    public void ResizeTmpfs(string size) => Run("mount", $"-o remount,size={size} \"{Path}\"", "remounting the tmpfs failed");

    /// <summary>Makes the tmpfs read-only, as read-only media or an archive mount is.</summary>
    public void RemountReadOnly() => Run("mount", $"-o remount,ro \"{Path}\"", "remounting the tmpfs read-only failed");

    private static void Run(string file, string arguments, string hint)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            Assert.Fail($"`{file} {arguments}` exited {process.ExitCode}: {error.Trim()} ({hint}).");
    }

    public void Dispose()
    {
        if (_mounted)
        {
            // Lazy: a logger a failed test left open must not keep the mount (and the test run) busy.
            using var process = Process.Start(new ProcessStartInfo("umount", $"-l \"{Path}\"") { UseShellExecute = false });
            process?.WaitForExit();
        }
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failed test; the temp folder is cleaned by the OS.
        }
    }
}
