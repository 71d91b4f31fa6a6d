using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EventDb.PowerLossTests;

/// <summary>
/// A LazyFS file system mounted for one test, in a directory of its own: what is written under <see cref="MountPoint"/>
/// lives in LazyFS's cache until it is synced; <see cref="PowerCut"/> drops what was not (a power cut), unmounts and
/// mounts again, so <see cref="Backing"/> and the mount then hold what a disk would after the cut.
/// </summary>
/// <remarks>
/// Always unmounted: by <see cref="Dispose"/> (lazily if something still holds it), by a handler at process exit for a
/// test host that ends early, and on the next run for a host that was killed (its directory names the pid that owned it).
/// </remarks>
internal sealed class LazyFsMount : IDisposable
{
    /// <summary>
    /// LazyFS's cache: it must hold every page a round writes and reads, or LazyFS writes through and drops nothing. It is
    /// allocated at each mount (a quarter of a second per 64 MiB here), so no larger than the rounds need.
    /// </summary>
    public const long CacheBytes = 128L << 20;

    private static readonly string s_root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eventdb-power");
    private static readonly HashSet<LazyFsMount> s_live = [];
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _output = new();
    private Process? _lazyFs;
    private Task<StreamReader>? _done;

    static LazyFsMount() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        lock (s_live)
        {
            foreach (var mount in s_live.ToList())
                mount.Dispose();
        }
    };

    private LazyFsMount()
    {
        Path = System.IO.Path.Combine(s_root, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(MountPoint);
        Directory.CreateDirectory(Backing);
        Directory.CreateDirectory(Outside);
        Posix.MakeFifo(CommandFifo);
        Posix.MakeFifo(DoneFifo);
        File.WriteAllText(Config, $"""
            [faults]
            fifo_path="{CommandFifo}"
            fifo_path_completed="{DoneFifo}"
            [cache]
            apply_eviction=false
            [cache.simple]
            custom_size="{CacheBytes >> 20}mb"
            blocks_per_page=1
            [filesystem]
            log_all_operations=false
            logfile="{System.IO.Path.Combine(Path, "lazyfs.log")}"
            """);
    }

    /// <summary>This mount's directory: the mount point, the backing directory, LazyFS's FIFOs and config.</summary>
    public string Path { get; }

    /// <summary>Where the code under test writes: through LazyFS.</summary>
    public string MountPoint => System.IO.Path.Combine(Path, "mnt");

    /// <summary>Where LazyFS keeps the files: what reached it (synced, or written through) is here.</summary>
    public string Backing => System.IO.Path.Combine(Path, "backing");

    /// <summary>A directory on the real disk, outside the mount, for the children's records and traces.</summary>
    public string Outside => System.IO.Path.Combine(Path, "outside");

    private string CommandFifo => System.IO.Path.Combine(Path, "faults.fifo");

    private string DoneFifo => System.IO.Path.Combine(Path, "faults.done");

    private string Config => System.IO.Path.Combine(Path, "lazyfs.toml");

    /// <summary>Mounts a fresh LazyFS (failing the test, with the reason, when the machine cannot).</summary>
    public static LazyFsMount Create()
    {
        PowerTools.Require();
        SweepLeftovers();
        var mount = new LazyFsMount();
        lock (s_live)
            s_live.Add(mount);
        try
        {
            mount.Start();
        }
        catch
        {
            mount.Dispose();
            throw;
        }
        return mount;
    }

    /// <summary>
    /// The power cut: LazyFS drops every write that was not synced, then the file system is unmounted and mounted again
    /// with an empty cache. Whoever wrote must be dead already (their descriptors closed).
    /// </summary>
    public void PowerCut()
    {
        long written = DirectorySize(MountPoint);
        Assert.True(written < CacheBytes / 8 * 7,
            $"the mount holds {written >> 20} MiB: near LazyFS's {CacheBytes >> 20} MiB cache, which may have filled, written through and dropped nothing");
        ClearCache();
        Unmount();
        Start();
    }

    private void Start()
    {
        _output.Clear();
        var start = new ProcessStartInfo(PowerTools.LazyFs)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { MountPoint, "--config-path", Config, "-o", "allow_other", "-o", "modules=subdir", "-o", $"subdir={Backing}", "-f" })
            start.ArgumentList.Add(argument);
        _lazyFs = Process.Start(start)!;
        _lazyFs.OutputDataReceived += (_, e) => Keep(e.Data);
        _lazyFs.ErrorDataReceived += (_, e) => Keep(e.Data);
        _lazyFs.BeginOutputReadLine();
        _lazyFs.BeginErrorReadLine();
        // LazyFS's command thread opens the completion FIFO for writing and waits for a reader before it reads commands.
        _done = Task.Run(() => new StreamReader(new FileStream(DoneFifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1)));
        var deadline = DateTime.UtcNow + s_timeout;
        while (!IsMounted(MountPoint))
        {
            if (_lazyFs.HasExited || DateTime.UtcNow > deadline)
                Assert.Fail($"LazyFS did not mount {MountPoint} (exit {(_lazyFs.HasExited ? _lazyFs.ExitCode : "none yet")}): {Output()}");
            Thread.Sleep(20);
        }
        if (!_done.Wait(s_timeout))
            Assert.Fail($"LazyFS did not open its completion FIFO: {Output()}");
    }

    private void ClearCache()
    {
        using (var fifo = new FileStream(CommandFifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1))
            fifo.Write("lazyfs::clear-cache\n"u8); // LazyFS drops the last byte it reads as the line's end
        var reader = _done!.Result;
        var line = Task.Run(reader.ReadLine);
        if (!line.Wait(s_timeout))
            Assert.Fail($"LazyFS did not finish clearing its cache: {Output()}");
        Assert.Equal("finished::clear-cache", line.Result);
    }

    private void Unmount()
    {
        if (_lazyFs is null)
            return;
        for (int attempt = 0; IsMounted(MountPoint); attempt++)
        {
            // Lazily at last: a process a failed test left behind must not keep the mount, or the test run, waiting.
            if (Run(PowerTools.FuserMount, attempt < 50 ? "-u" : "-uz", MountPoint) != 0)
                Thread.Sleep(100);
        }
        if (!_lazyFs.WaitForExit(s_timeout))
            _lazyFs.Kill();
        _lazyFs.WaitForExit();
        _lazyFs.Dispose();
        _lazyFs = null;
        if (_done is { IsCompletedSuccessfully: true })
            _done.Result.Dispose();
        _done = null;
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            if (_output.Length < 20_000)
                _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
            return _output.ToString();
    }

    public void Dispose()
    {
        try
        {
            Unmount();
        }
        finally
        {
            lock (s_live)
                s_live.Remove(this);
            if (Environment.GetEnvironmentVariable("EVENTDB_POWER_KEEP") != "1")
                DeleteQuietly(Path);
        }
    }

    /// <summary>Unmounts and removes what a test host that was killed left behind (its pid is in the directory's name).</summary>
    private static void SweepLeftovers()
    {
        if (!Directory.Exists(s_root))
            return;
        foreach (var directory in Directory.EnumerateDirectories(s_root))
        {
            var name = System.IO.Path.GetFileName(directory);
            if (!long.TryParse(name.Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out long owner) || Posix.IsAlive(owner))
                continue;
            var mountPoint = System.IO.Path.Combine(directory, "mnt");
            if (IsMounted(mountPoint))
                Run(PowerTools.FuserMount, "-uz", mountPoint);
            DeleteQuietly(directory);
        }
    }

    private static bool IsMounted(string mountPoint) =>
        File.ReadLines("/proc/self/mountinfo").Any(line => line.Split(' ') is { Length: > 4 } fields && fields[4] == mountPoint);

    private static long DirectorySize(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    private static int Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // still mounted lazily, or held by a process a failed test left: the next run's sweep removes it
        }
    }
}
