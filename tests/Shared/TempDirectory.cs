using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace EventDb.TestSupport;

/// <summary>
/// A fresh directory for one test under the temp folder's <c>eventdb-tests</c>, named after the test that made it
/// (<c>CLASS.METHOD-RANDOM</c>, or <c>CLASS-RANDOM</c> for a test class's field), removed with everything in it when
/// disposed. Optionally small tmpfs mounts on it or below it, unmounted first. The one temp-directory helper of the test
/// projects (linked from tests/Shared by each csproj); what a project does in it lives beside that project's tests.
/// Set <c>EVENTDB_KEEP_TEST_DIRECTORIES=1</c> to keep them, to look at the files a test wrote.
/// </summary>
internal sealed class TempDirectory : IDisposable
{
    private readonly List<string> _mounts = [];

    /// <param name="root">Where to create it; default: the temp folder (which may be a tmpfs).</param>
    /// <param name="testFile">Filled in by the compiler: the test's source file, named after its class.</param>
    /// <param name="testMember">Filled in by the compiler: the test method (or the field) that made it.</param>
    public TempDirectory(string? root = null, [CallerFilePath] string testFile = "", [CallerMemberName] string testMember = "")
    {
        Path = System.IO.Path.Combine(root ?? System.IO.Path.GetTempPath(), "eventdb-tests", $"{NameOf(testFile, testMember)}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The event file a logger opened on this directory writes (EventFile.DefaultFileName).</summary>
    public string DbPath => File("plugins.db");

    /// <summary>The path of <paramref name="name"/> in this directory (not created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The subdirectory <paramref name="name"/>, created.</summary>
    public string Sub(string name)
    {
        var path = File(name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Mounts a tmpfs of <paramref name="size"/> (for instance "1m") on this directory, or on its subdirectory
    /// <paramref name="sub"/>: a real file system that really runs out of space or turns read-only. Needs root (CI runs
    /// as root); fails the test with a clear message otherwise. Unmounted when this directory is disposed.
    /// </summary>
    public Tmpfs MountTmpfs(string size, string? sub = null)
    {
        var path = sub is null ? Path : Sub(sub);
        Run("mount", ["-t", "tmpfs", "-o", $"size={size}", "eventdb-tests", path], "mounting a small tmpfs needs root (CI runs as root)");
        _mounts.Add(path);
        return new Tmpfs(path);
    }

    /// <summary>A tmpfs mounted by <see cref="MountTmpfs"/>.</summary>
    internal sealed class Tmpfs(string path)
    {
        /// <summary>Changes its size: growing it frees space under a running logger.</summary>
        public void Resize(string size) => Run("mount", ["-o", $"remount,size={size}", path], "remounting the tmpfs failed");

        /// <summary>Makes it read-only, as read-only media or an archive mount is.</summary>
        public void RemountReadOnly() => Run("mount", ["-o", "remount,ro", path], "remounting the tmpfs read-only failed");
    }

    public void Dispose()
    {
        // Lazy: a logger a failed test left open must not keep the mount (and the test run) busy. Innermost first.
        foreach (var mount in Enumerable.Reverse(_mounts))
        {
            using var process = Process.Start(new ProcessStartInfo("umount", ["-l", mount]) { UseShellExecute = false });
            process?.WaitForExit();
        }
        if (Environment.GetEnvironmentVariable("EVENTDB_KEEP_TEST_DIRECTORIES") == "1")
            return;
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failed test; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>CLASS.METHOD from the caller's file and member; a field initializer or constructor adds no method.</summary>
    private static string NameOf(string testFile, string testMember)
    {
        var test = System.IO.Path.GetFileNameWithoutExtension(testFile);
        if (test.Length == 0)
            test = "test";
        return testMember.Length == 0 || testMember.StartsWith('.') || testMember.StartsWith('_') ? test : $"{test}.{testMember}";
    }

    private static void Run(string file, string[] arguments, string hint)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            Assert.Fail($"`{file} {string.Join(' ', arguments)}` exited {process.ExitCode}: {error.Trim()} ({hint}).");
    }
}
