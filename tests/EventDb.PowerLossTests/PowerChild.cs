using EventDb.PowerLoss;

namespace EventDb.PowerLossTests;

/// <summary>
/// The power-loss child (tests/EventDb.PowerLossChild) running under <c>strace</c>, which records its syncs and directory
/// operations and can kill it on entering its n-th call of a kind. Its record and trace are kept outside the mount.
/// </summary>
internal sealed class PowerChild : IDisposable
{
    /// <summary>The calls traced: every sync, every directory change (opens, for the files they create), and writes (the child's lines mark when its calls returned).</summary>
    private const string Traced = "fsync,fdatasync,ftruncate,openat,unlink,unlinkat,rename,renameat,renameat2,mkdir,mkdirat,rmdir,write";

    private readonly ChildProcess _process;
    private readonly string _tracePath;

    private PowerChild(ChildProcess process, ChildRecord record, string tracePath)
    {
        _process = process;
        Record = record;
        _tracePath = tracePath;
    }

    public ChildRecord Record { get; }

    /// <summary>
    /// Starts the child with <paramref name="arguments"/> ("write DIR RECORD ..." with RECORD left out: it is added).
    /// With <paramref name="killAt"/>, strace kills it with SIGKILL on entering that call.
    /// </summary>
    public static PowerChild Start(LazyFsMount mount, string name, KillPoint? killAt, string command, params string[] arguments)
    {
        var recordPath = Path.Combine(mount.Outside, name + ".record");
        var tracePath = Path.Combine(mount.Outside, name + ".strace");
        using (File.Create(recordPath))
        {
        }
        var record = ChildRecord.Open(recordPath); // zeroed at its full size before the child maps it
        // Calls of the runtime's own that would count among those strace kills at: no diagnostics socket (an unlink at
        // start) and no double-mapped code (an ftruncate at start).
        var strace = new List<string>
        {
            PowerTools.Strace, "-f", "-qq", "-ttt", "-y", "-o", tracePath, "-e", "trace=" + Traced,
            "-E", "DOTNET_EnableDiagnostics=0", "-E", "DOTNET_EnableWriteXorExecute=0",
        };
        // A seccomp filter stops the child only at the traced calls, but strace 6.1 then delivers no injected signal:
        // a child strace is to kill stops at every call, and runs two to three times slower.
        if (killAt is { } point)
            strace.AddRange(["-e", $"inject={point.Call}:signal=KILL:when={point.Occurrence}"]);
        else
            strace.Add("--seccomp-bpf");
        var process = ChildProcess.StartUnder(strace, null, "EventDb.PowerLossChild", [command, arguments[0], recordPath, .. arguments[1..]]);
        return new PowerChild(process, record, tracePath);
    }

    /// <summary>Waits until <paramref name="condition"/> holds of the record; false when the child ended first.</summary>
    public bool WaitFor(Func<ChildRecord, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Record))
        {
            if (HasEnded)
            {
                Assert.True(Record.Pid != 0, $"the child ended before it started: {_process.StandardError}");
                return condition(Record);
            }
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"the child did not get there within {timeout.TotalSeconds} s (phase {Record.Phase})");
            Thread.Sleep(2);
        }
        return true;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the child to end; false when it is still running.</summary>
    public bool WaitForEnd(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!HasEnded)
        {
            if (DateTime.UtcNow > deadline)
                return false;
            Thread.Sleep(5);
        }
        return true;
    }

    private bool HasEnded => _process.HasExited || (Record.Pid != 0 && !Posix.IsAlive(Record.Pid));

    /// <summary>SIGKILL now: no finalizer, no Dispose, no flush. Returns strace's exit code once it has ended.</summary>
    public int Kill()
    {
        var pid = Record.Pid;
        Assert.True(pid != 0, "the child never started");
        Posix.Signal(pid, Posix.SigKill);
        return WaitForExit();
    }

    /// <summary>Waits for the child (and strace) to end; returns the exit code (137 when it was killed).</summary>
    public int WaitForExit() => _process.WaitForExit(TimeSpan.FromSeconds(120));

    /// <summary>Its standard output (after it ended).</summary>
    public string Output() => _process.RestOfOutput();

    public string StandardError => _process.StandardError;

    public SyscallTrace Trace() => SyscallTrace.Read(_tracePath);

    public void Dispose()
    {
        _process.Dispose(); // kills strace and the child if a failed test left them running
        Record.Dispose();
    }
}

/// <summary>Where strace kills the child: on entering the <paramref name="Occurrence"/>-th <paramref name="Call"/> of any one thread.</summary>
internal readonly record struct KillPoint(string Call, int Occurrence)
{
    public override string ToString() => $"{Call} #{Occurrence}";
}
