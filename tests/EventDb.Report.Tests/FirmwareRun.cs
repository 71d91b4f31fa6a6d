using EventDb.Penguin;

namespace EventDb.Report.Tests;

/// <summary>
/// Hand-made Penguin runs with known contents, written by EventDb's logger in Penguin's model, with Penguin's own reprs
/// (<c>filename=0x7ffe0010("/etc/config.xml")</c>, <c>ENOENT(No such file or directory)</c>): a firmware's first boot
/// under rehosting, and the next run after two of its missing files were provided.
/// </summary>
internal sealed class FirmwareRun
{
    private readonly List<Action<EventLogger>> _events = [];

    public static readonly Dictionary<long, string> Reprs = new()
    {
        [-2] = "ENOENT(No such file or directory)",
        [-13] = "EACCES(Permission denied)",
        [-20] = "ENOTDIR(Not a directory)",
        [-25] = "ENOTTY(Inappropriate ioctl for device)",
        [-97] = "EAFNOSUPPORT(Address family not supported by protocol)",
        [-110] = "ETIMEDOUT(Connection timed out)",
    };

    /// <summary>The first boot: services looking for configuration that is not there, ioctls on a missing device.</summary>
    public static FirmwareRun FirstBoot(bool fixedConfig = false)
    {
        var run = new FirmwareRun();
        run.Start("init", 1, 0).Exec("init", "['/sbin/init']");
        run.Start("rcS", 12, 1).Exec("rcS", "['/bin/sh', '/etc/init.d/rcS']");
        run.Path("rcS", "sys_access", "/etc/init.d/rcS.local", -2, 2);
        run.Path("rcS", "sys_openat", "/etc/fstab", 3, 1);
        run.Read("rcS", 3, "/etc/fstab", 120, 2);
        run.Start("httpd", 40, 12).Exec("httpd", "['/usr/sbin/httpd', '-f', '/etc/httpd.conf']");
        run.Path("httpd", "sys_openat", "/etc/httpd.conf", fixedConfig ? 4 : -2, fixedConfig ? 1 : 6);
        run.Path("httpd", "sys_stat64", "/var/run/httpd.pid", -2, 3);
        run.Path("httpd", "sys_openat", "/dev/nvram", -2, 9);
        run.Plain("httpd", "sys_ioctl", -25, 14);
        run.Plain("httpd", "sys_socket", fixedConfig ? -97 : 5, 2);
        run.Plain("httpd", "sys_getpid", 40, 30);
        run.Write("httpd", 1, "/dev/ttyS0", 48, 5);
        run.Start("nvram_daemon", 51, 1).Exec("nvram_daemon", "['/usr/bin/nvram_daemon']");
        run.Path("nvram_daemon", "sys_openat", "/dev/mtdblock3", fixedConfig ? 5 : -2, 4);
        run.Path("nvram_daemon", "sys_open", "/tmp/nvram/config/default", -20, 2);
        run.Plain("nvram_daemon", "sys_connect", -110, 3);
        run.Read("nvram_daemon", 5, "/dev/mtdblock3", fixedConfig ? 4096 : 0, fixedConfig ? 3 : 0);
        run.Write("nvram_daemon", 6, null, 16, 2);
        run.Exit("nvram_daemon", 51, fixedConfig ? 0 : 1);
        run.Path("busybox", "sys_execve", "/usr/sbin/telnetd", -2, 1);
        run.Plain("busybox", "sys_getuid", 0, 8);
        run.Plain("init", "sys_wait4", -13, 1);
        return run;
    }

    public FirmwareRun Start(string procname, long pid, long ppid)
    {
        _events.Add(l => l.Add(new ProcStart { Procname = procname, ProcId = pid, Pid = pid, Ppid = ppid, CreateTime = 1_700_000_000 + pid, Comm = procname }));
        return this;
    }

    public FirmwareRun Exec(string procname, string argv)
    {
        _events.Add(l => l.Add(new Exec { Procname = procname, Calltree = "init -> " + procname, Argc = "1", Argv = argv, Envp = "['PATH=/bin:/sbin']" }));
        return this;
    }

    public FirmwareRun Exit(string procname, long pid, long code)
    {
        _events.Add(l => l.Add(new ProcExit { Procname = procname, ProcId = pid, Pid = pid, CreateTime = 1_700_000_000 + pid, Code = code, Reason = "exit_group" }));
        return this;
    }

    /// <summary>A syscall on a path, <paramref name="times"/> times, as Penguin records it: a dfd first for the *at calls.</summary>
    public FirmwareRun Path(string procname, string syscall, string path, long retno, int times)
    {
        bool at = syscall.EndsWith("at", StringComparison.Ordinal) || syscall.EndsWith("at64", StringComparison.Ordinal);
        var repr = $"filename=0x7ffe0010(\"{path}\")";
        return Syscalls(times, procname, syscall, retno, at ? (unchecked((ulong)-100L), "dfd=0xffffffffffffff9c") : (0x7ffe0010UL, repr), at ? (0x7ffe0010UL, repr) : (0UL, "flags=0x0"));
    }

    /// <summary>A syscall without a path, <paramref name="times"/> times.</summary>
    public FirmwareRun Plain(string procname, string syscall, long retno, int times) =>
        Syscalls(times, procname, syscall, retno, (3UL, "fd=0x3"), (0UL, ""));

    private FirmwareRun Syscalls(int times, string procname, string syscall, long retno, (ulong Value, string Repr) arg0, (ulong Value, string Repr) arg1)
    {
        var row = new Syscall
        {
            Procname = procname,
            Name = syscall,
            Retno = retno,
            RetnoRepr = retno < 0 ? Reprs[retno] : retno.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Arg0 = arg0.Value,
            Arg0Repr = arg0.Repr,
            Arg1 = arg1.Value,
            Arg1Repr = arg1.Repr,
        };
        for (int i = 0; i < times; i++)
            _events.Add(l => l.Add(row));
        return this;
    }

    public FirmwareRun Read(string procname, long fd, string fname, int bytes, int times)
    {
        for (int i = 0; i < times; i++)
            _events.Add(l => l.Add(new Read { Procname = procname, Fd = fd, Fname = fname, Buffer = new byte[bytes] }));
        return this;
    }

    public FirmwareRun Write(string procname, long fd, string? fname, int bytes, int times)
    {
        for (int i = 0; i < times; i++)
            _events.Add(l => l.Add(new Write { Procname = procname, Fd = fd, Fname = fname, Buffer = new byte[bytes] }));
        return this;
    }

    /// <summary>Writes the run to <paramref name="directory"/>/plugins.db and returns the directory.</summary>
    public string WriteTo(string directory)
    {
        using var logger = EventLogger.Open(new EventLoggerOptions { Directory = directory, Tables = PenguinTables.All });
        foreach (var add in _events)
            add(logger);
        return directory;
    }

    /// <summary>The demo's trace: the first <paramref name="events"/> events of <c>PenguinTrace(seed: 42)</c>, as the demo writes them.</summary>
    public static string Demo(string directory, long events)
    {
        var trace = new PenguinTrace(seed: 42);
        using var logger = EventLogger.Open(new EventLoggerOptions { Directory = directory, Tables = PenguinTables.All });
        for (long i = 0; i < events; i++)
            trace.AddTo(logger, i);
        return directory;
    }
}
