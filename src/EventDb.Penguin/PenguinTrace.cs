using System.Globalization;

namespace EventDb.Penguin;

/// <summary>
/// A synthetic firmware-rehosting trace with the shape of a real Penguin run: about 90% syscalls with six arguments
/// and their printable forms (some arguments above <c>INT64_MAX</c>), about 10% reads and writes with 64-byte buffers,
/// and a few exec/process events. Events come from a pool built once, so producing one costs no formatting and the
/// demo and the benchmarks measure the logger, not the trace.
/// </summary>
public sealed class PenguinTrace
{
    /// <summary>Which table an event of the trace goes to.</summary>
    public enum Kind : byte
    {
        /// <summary>A <see cref="Penguin.Syscall"/> event.</summary>
        Syscall,
        /// <summary>A <see cref="Penguin.Read"/> event.</summary>
        Read,
        /// <summary>A <see cref="Penguin.Write"/> event.</summary>
        Write,
        /// <summary>An <see cref="Penguin.Exec"/> event.</summary>
        Exec,
        /// <summary>A <see cref="Penguin.ProcStart"/> event.</summary>
        ProcStart,
        /// <summary>A <see cref="Penguin.ProcExit"/> event.</summary>
        ProcExit,
    }

    private static readonly string[] s_syscalls =
    [
        "sys_openat", "sys_read", "sys_write", "sys_close", "sys_mmap", "sys_ioctl", "sys_fstat", "sys_futex",
        "sys_socket", "sys_connect", "sys_brk", "sys_rt_sigaction", "sys_clock_gettime", "sys_getpid", "sys_nanosleep",
        "sys_poll", "sys_sendto", "sys_recvfrom", "sys_newuname", "sys_execve",
    ];

    private static readonly string[] s_processes = ["init", "httpd", "lighttpd", "sh", "busybox", "miniupnpd", "dnsmasq", "telnetd"];
    private static readonly string[] s_files = ["/etc/passwd", "/dev/mtdblock3", "/proc/cpuinfo", "/var/run/httpd.pid", "/tmp/nvram.ini", "/dev/null"];

    private readonly Kind[] _kinds;
    private readonly Syscall[] _syscalls;
    private readonly Read[] _reads;
    private readonly Write[] _writes;
    private readonly Exec[] _execs;
    private readonly ProcStart[] _starts;
    private readonly ProcExit[] _exits;

    /// <summary>Builds a trace pool of <paramref name="poolSize"/> events from <paramref name="seed"/>.</summary>
    public PenguinTrace(int seed = 42, int poolSize = 1 << 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(poolSize, 1);
        var random = new Random(seed);
        _kinds = new Kind[poolSize];
        _syscalls = new Syscall[poolSize];
        _reads = new Read[poolSize];
        _writes = new Write[poolSize];
        _execs = new Exec[poolSize];
        _starts = new ProcStart[poolSize];
        _exits = new ProcExit[poolSize];
        for (int i = 0; i < poolSize; i++)
        {
            int process = random.Next(s_processes.Length);
            string procname = s_processes[process];
            long procId = 100 + process;
            int roll = random.Next(10_000);
            if (roll < 9_000)
            {
                _kinds[i] = Kind.Syscall;
                _syscalls[i] = NextSyscall(random, procname, procId);
            }
            else if (roll < 9_500)
            {
                _kinds[i] = Kind.Read;
                _reads[i] = new Read { Fd = random.Next(3, 64), Fname = s_files[random.Next(s_files.Length)], Buffer = NextBuffer(random), Procname = procname, ProcId = procId };
            }
            else if (roll < 9_997)
            {
                _kinds[i] = Kind.Write;
                _writes[i] = new Write { Fd = random.Next(1, 64), Fname = random.Next(4) == 0 ? null : s_files[random.Next(s_files.Length)], Buffer = NextBuffer(random), Procname = procname, ProcId = procId };
            }
            else if (roll == 9_997)
            {
                _kinds[i] = Kind.Exec;
                _execs[i] = new Exec { Calltree = $"init({100}) -> {procname}({procId})", Argc = "2", Argv = $"['/bin/{procname}', '-f']", Envp = "['PATH=/bin:/sbin', 'HOME=/']", Euid = 0, Egid = 0, Procname = procname, ProcId = procId };
            }
            else if (roll == 9_998)
            {
                _kinds[i] = Kind.ProcStart;
                _starts[i] = new ProcStart { Pid = procId, Ppid = 1, CreateTime = 1_700_000_000 + i, Comm = procname, Procname = procname, ProcId = procId };
            }
            else
            {
                _kinds[i] = Kind.ProcExit;
                _exits[i] = new ProcExit { Pid = procId, CreateTime = 1_700_000_000 + i, Code = random.Next(2), Reason = "exit_group", Procname = procname, ProcId = procId };
            }
        }
    }

    /// <summary>The number of distinct events; the trace repeats after that many.</summary>
    public int PoolSize => _kinds.Length;

    /// <summary>The kind of the <paramref name="index"/>-th event.</summary>
    public Kind KindAt(long index) => _kinds[Wrap(index)];

    /// <summary>The <paramref name="index"/>-th event, when it is a syscall.</summary>
    public ref readonly Syscall SyscallAt(long index) => ref _syscalls[Wrap(index)];

    /// <summary>The <paramref name="index"/>-th event, when it is a read.</summary>
    public ref readonly Read ReadAt(long index) => ref _reads[Wrap(index)];

    /// <summary>The <paramref name="index"/>-th event, when it is a write.</summary>
    public ref readonly Write WriteAt(long index) => ref _writes[Wrap(index)];

    // A pool index is used as it is: a modulo is a 64-bit division, ~1.3 ns each, and the benchmarks time Add in ns.
    private int Wrap(long index) => (ulong)index < (ulong)_kinds.Length ? (int)index : (int)(index % _kinds.Length);

    /// <summary>Adds the <paramref name="index"/>-th event to <paramref name="logger"/>.</summary>
    public void AddTo(EventLogger logger, long index)
    {
        ArgumentNullException.ThrowIfNull(logger);
        int i = Wrap(index);
        switch (_kinds[i])
        {
            case Kind.Syscall: logger.Add(in _syscalls[i]); break;
            case Kind.Read: logger.Add(in _reads[i]); break;
            case Kind.Write: logger.Add(in _writes[i]); break;
            case Kind.Exec: logger.Add(in _execs[i]); break;
            case Kind.ProcStart: logger.Add(in _starts[i]); break;
            default: logger.Add(in _exits[i]); break;
        }
    }

    private static Syscall NextSyscall(Random random, string procname, long procId)
    {
        var args = new ulong[6];
        var reprs = new string?[6];
        for (int a = 0; a < 6; a++)
        {
            switch (random.Next(5))
            {
                case 0: // a small integer: fd, flags, length
                    args[a] = (ulong)random.Next(0, 4096);
                    reprs[a] = args[a].ToString(CultureInfo.InvariantCulture);
                    break;
                case 1: // a user-space pointer
                    args[a] = 0x7ffd_0000_0000UL + (ulong)random.Next() * 8;
                    reprs[a] = "0x" + args[a].ToString("x", CultureInfo.InvariantCulture);
                    break;
                case 2: // a negative number seen as unsigned: above INT64_MAX
                    args[a] = unchecked((ulong)-random.Next(1, 200));
                    reprs[a] = args[a] == unchecked((ulong)-100L) ? "AT_FDCWD" : "0x" + args[a].ToString("x", CultureInfo.InvariantCulture);
                    break;
                case 3: // a string argument
                    args[a] = 0x7ffd_8000_0000UL + (ulong)random.Next() * 8;
                    reprs[a] = $"\"{s_files[random.Next(s_files.Length)]}\"";
                    break;
                default: // a kernel address, also above INT64_MAX
                    args[a] = 0xffff_ffc0_0000_0000UL + (ulong)random.Next() * 16;
                    reprs[a] = "0x" + args[a].ToString("x", CultureInfo.InvariantCulture);
                    break;
            }
        }
        long retno = random.Next(8) == 0 ? -random.Next(1, 40) : random.Next(0, 4096);
        return new Syscall
        {
            Name = s_syscalls[random.Next(s_syscalls.Length)],
            Retno = retno,
            RetnoRepr = retno < 0 ? $"-{-retno} (errno)" : retno.ToString(CultureInfo.InvariantCulture),
            Arg0 = args[0], Arg0Repr = reprs[0],
            Arg1 = args[1], Arg1Repr = reprs[1],
            Arg2 = args[2], Arg2Repr = reprs[2],
            Arg3 = args[3], Arg3Repr = reprs[3],
            Arg4 = args[4], Arg4Repr = reprs[4],
            Arg5 = args[5], Arg5Repr = reprs[5],
            Procname = procname,
            ProcId = procId,
        };
    }

    private static byte[] NextBuffer(Random random)
    {
        var buffer = new byte[64];
        random.NextBytes(buffer);
        return buffer;
    }
}
