namespace EventDb.Cli.Tests;

/// <summary>
/// A plugins.db as Penguin's own logger leaves it (its DDL, rows by INSERT, rollback journal) holding the rows of the
/// verified examples in the notes on Penguin's db (section 2.5), and the lines Penguin prints for them, written from
/// its rules: <c>(procname) </c> + <c>str(event)</c>, NULL as <c>None</c>, <c>#x</c> of negatives as <c>-0x..</c>.
/// </summary>
public sealed class PenguinFile : IDisposable
{
    private readonly TempDirectory _dir = new();

    public PenguinFile()
    {
        using var db = SqlFile.Penguin(_dir.DbPath);
        db.Exec(1, "[?]", "", "['/bin/sh', '-c', 'echo hi']")
            .Exec(2, "[?]", "init -> rcS", "['/usr/sbin/httpd']")
            .Syscall(3, "/igloo/utils/sh", "sys_write", 12, "0xc", (1, "fd=0x1(/dev/ttyS0)"), (0x4a5f20, "buf=0x4a5f20(\"Hello World\n\")"), (12, "count=0xc"), (0, ""), (0, ""), (0, ""))
            .Syscall(4, "/bin/busybox", "sys_openat", -2, "ENOENT(No such file or directory)", (-100, "dfd=0xffffffffffffff9c"), (0x7ffe0010, "filename=0x7ffe0010(\"/etc/config.xml\")"), (0x80000, "flags=0x80000"), (0, "mode=0x0"), (0, ""), (0, ""))
            .Syscall(5, "httpd", "sys_read", -512, "-0x200", (0, "fd=0x0([???])"), (0xbeef00, "buf=0xbeef00(ptr)"), (0x1000, "count=0x1000"), (0, ""), (0, ""), (0, ""))
            .Syscall(6, "/bin/busybox", "sys_getpid", 117, "0x75", (0, ""), (0, ""), (0, ""), (0, ""), (0, ""), (0, ""))
            .Syscall(7, "[none]", "sys_getpid", null, null)
            .Read(8, "/bin/busybox", 3, "/etc/passwd", "root::0:0:root:/root:/bin/sh\n"u8.ToArray())
            .Read(9, "httpd", 5, "socket:[4242]", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray())
            .Read(10, "httpd", -1, "?", null)
            .Read(11, "[/bin/sh]", 3, "/ÄBC", "it's"u8.ToArray())
            .Write(12, "/igloo/utils/sh", 1, "/dev/ttyS0", "Hello World\n"u8.ToArray())
            .Write(13, "httpd", 4, "/var/log/it's.log", [0x00, 0x01, 0x7f, 0x80, 0xff, 0x5c, 0x27, 0x22, 0x09])
            .Write(14, "httpd", 9, null, [])
            .Event(15, "proc_start", "httpd", "400, 1, 0, 'httpd', 0, 0, 0, 0")
            .Event(16, "proc_exit", "", "400, 0, 139, 'signal:SIGSEGV'");
    }

    public string Results => _dir.Path;

    public string DbPath => _dir.DbPath;

    public static readonly string[] Execs =
    [
        "([?]) Exec: \"['/bin/sh', '-c', 'echo hi']\" ",
        "([?]) Exec: \"['/usr/sbin/httpd']\" init -> rcS",
    ];

    // Syscall 3's buf repr holds a real newline, so its line is two physical lines.
    public static readonly string[] Syscalls =
    [
        "(/igloo/utils/sh) sys_write(fd=0x1(/dev/ttyS0)(0x1), buf=0x4a5f20(\"Hello World\n\")(0x4a5f20), count=0xc(0xc), (0x0), (0x0), (0x0)) = 12(0xc)",
        "(/bin/busybox) sys_openat(dfd=0xffffffffffffff9c(-0x64), filename=0x7ffe0010(\"/etc/config.xml\")(0x7ffe0010), flags=0x80000(0x80000), mode=0x0(0x0), (0x0), (0x0)) = -2(ENOENT(No such file or directory))",
        "(httpd) sys_read(fd=0x0([???])(0x0), buf=0xbeef00(ptr)(0xbeef00), count=0x1000(0x1000), (0x0), (0x0), (0x0)) = -512(-0x200)",
        "(/bin/busybox) sys_getpid((0x0), (0x0), (0x0), (0x0), (0x0), (0x0)) = 117(0x75)",
        "([none]) sys_getpid() = None(None)",
    ];

    public static readonly string[] Reads =
    [
        "(/bin/busybox) read(3, /etc/passwd, \"b'root::0:0:root:/root:/bin/sh\\n'\")",
        "(httpd) read(5, socket:[4242], \"b'GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n'\")",
        "(httpd) read(-1, ?, \"\")",
        "([/bin/sh]) read(3, /ÄBC, \"b\"it's\"\")",
    ];

    public static readonly string[] Writes =
    [
        "(/igloo/utils/sh) write(1, /dev/ttyS0, \"b'Hello World\\n'\")",
        "(httpd) write(4, /var/log/it's.log, \"b'\\x00\\x01\\x7f\\x80\\xff\\\\\\'\"\\t'\")",
        "(httpd) write(9, None, \"b''\")",
    ];

    /// <summary>Each distinct procname of <c>event</c> in order of its first id; the process exit's "" is an empty line.</summary>
    public static readonly string[] Tasks = ["[?]", "/igloo/utils/sh", "/bin/busybox", "httpd", "[none]", "[/bin/sh]", ""];

    /// <summary>The distinct (procname, fd, fname) of the writes, sorted: '/' (0x2f) before 'h'.</summary>
    public static readonly string[] Fds = ["(/igloo/utils/sh) 1 /dev/ttyS0", "(httpd) 4 /var/log/it's.log", "(httpd) 9 None"];

    /// <summary>What the tool prints for these lines: each followed by "\n".</summary>
    public static string Text(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    /// <summary>A line without its "(procname) " prefix.</summary>
    public static string NoPrefix(string line) => line[(line.IndexOf(") ", StringComparison.Ordinal) + 2)..];

    public void Dispose() => _dir.Dispose();
}
