using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace EventDb.TestSupport;

/// <summary>
/// A real child process running one of this solution's programs (the fault child, the demo, the eventdb tool, its writer)
/// under the same dotnet host: started, read line by line, signalled with real signals, and killed if a test leaves it
/// running. One source file, linked into each test project that starts children (their csproj bakes the programs' paths
/// in as AssemblyMetadata).
/// </summary>
internal sealed partial class ChildProcess : IDisposable
{
    public const int SigHup = 1, SigInt = 2, SigKill = 9, SigTerm = 15;

    private readonly Process _process;
    private readonly Thread _stderrReader;
    private string _stderr = "";

    private ChildProcess(Process process)
    {
        _process = process;
        // Plain threads and blocking reads: async reads would wait for thread-pool threads that a busy child starves.
        _stderrReader = new Thread(() => _stderr = process.StandardError.ReadToEnd()) { IsBackground = true };
        _stderrReader.Start();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the program built as <paramref name="program"/> (for instance "EventDb.FaultChild") with <paramref name="arguments"/>.</summary>
    public static ChildProcess Start(string program, params string[] arguments) => StartIn(null, program, arguments);

    /// <summary>Starts <paramref name="program"/> in <paramref name="workingDirectory"/> (null: this process's).</summary>
    public static ChildProcess StartIn(string? workingDirectory, string program, params string[] arguments) =>
        StartIn(workingDirectory, new Dictionary<string, string>(), program, arguments);

    /// <summary>Starts <paramref name="program"/> with <paramref name="environment"/> set over this process's environment.</summary>
    public static ChildProcess StartIn(string? workingDirectory, IReadOnlyDictionary<string, string> environment, string program, params string[] arguments) =>
        Start([], workingDirectory, environment, program, arguments);

    /// <summary>
    /// Starts <paramref name="program"/> under <paramref name="wrapper"/> (a command and its arguments: strace's,
    /// <c>unshare --pid --fork</c>), which runs the dotnet host with the program: <see cref="Id"/> is then the wrapper's.
    /// </summary>
    public static ChildProcess StartUnder(IReadOnlyList<string> wrapper, string? workingDirectory, string program, params string[] arguments) =>
        Start(wrapper, workingDirectory, new Dictionary<string, string>(), program, arguments);

    private static ChildProcess Start(IReadOnlyList<string> wrapper, string? workingDirectory, IReadOnlyDictionary<string, string> environment, string program, string[] arguments)
    {
        var start = new ProcessStartInfo(wrapper.Count > 0 ? wrapper[0] : DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (wrapper.Count > 0)
        {
            foreach (var argument in wrapper.Skip(1))
                start.ArgumentList.Add(argument);
            start.ArgumentList.Add(DotnetHost());
        }
        start.ArgumentList.Add(ProgramPath(program));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return new ChildProcess(Process.Start(start)!);
    }

    /// <summary>
    /// Runs <paramref name="script"/> with <c>bash -c</c>, for real pipes, redirections and FIFOs around the programs: each
    /// ChildProgram <c>X.Y</c> of the test project is <c>"$DOTNET" "$X_Y"</c> in it (<c>$EVENTDB_CLI</c> for the tool).
    /// <c>exec</c> the program last, and the child's id is the program's, for signals.
    /// </summary>
    public static ChildProcess StartShell(string script, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["DOTNET"] = DotnetHost();
        foreach (var program in typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Where(a => a.Value?.EndsWith(".dll", StringComparison.Ordinal) == true))
            start.Environment[program.Key.Replace('.', '_').ToUpperInvariant()] = program.Value;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        return new ChildProcess(Process.Start(start)!);
    }

    /// <summary>The program's dll, as its own build reported it (baked in by this project's csproj).</summary>
    private static string ProgramPath(string program)
    {
        var path = typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == program).Value;
        Assert.True(File.Exists(path), $"{program} is not built at '{path}'");
        return path!;
    }

    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
            return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    public StreamWriter StandardInput => _process.StandardInput;

    public StreamReader StandardOutput => _process.StandardOutput;

    /// <summary>The next line of standard output, or null at its end; a child silent for <paramref name="timeout"/> is killed.</summary>
    public string? ReadLine(TimeSpan timeout)
    {
        using var watchdog = new Timer(_ => Kill(), null, timeout, Timeout.InfiniteTimeSpan);
        return _process.StandardOutput.ReadLine();
    }

    /// <summary>Reads standard output until a line equal to <paramref name="expected"/>.</summary>
    public void WaitForLine(string expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (ReadLine(deadline - DateTime.UtcNow) is { } line)
        {
            if (line == expected)
                return;
        }
        Assert.Fail($"the child ended without printing '{expected}' (exit {WaitForExit(TimeSpan.FromSeconds(10))}): {StandardError}");
    }

    /// <summary>Sends a real signal with kill(2).</summary>
    public void Signal(int signal)
    {
        FailIfIgnoredHere(signal);
        Assert.Equal(0, kill(_process.Id, signal));
    }

    /// <summary>
    /// A shell without job control starts a background command with SIGINT and SIGQUIT ignored, nohup ignores SIGHUP;
    /// every process below inherits that, and .NET keeps them ignored, as a program started so should. A test of what
    /// the signal does would then wait out its timeout: say why at once instead.
    /// </summary>
    private static void FailIfIgnoredHere(int signal)
    {
        const int sigpipe = 13; // every .NET process ignores it itself; no test sends it
        if (signal == sigpipe)
            return;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (line is null || !ulong.TryParse(line.AsSpan("SigIgn:".Length).Trim(), System.Globalization.NumberStyles.HexNumber, null, out ulong ignored))
            return;
        if ((ignored & (1UL << (signal - 1))) != 0)
            Assert.Fail($"signal {signal} is ignored in the test process (inherited from the shell that started the run: a background job without job control, `cmd &` in a script, or nohup for SIGHUP), so the child ignores it too. Run the tests in the foreground, or with `set -m` before `&` and without nohup.");
    }

    /// <summary>Waits for the child to end and returns its exit code (128 + n when signal n ended it).</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            Assert.Fail($"the child did not end within {timeout.TotalSeconds} s; stderr: {StandardError}");
        }
        _process.WaitForExit(); // and its output is read to the end
        return _process.ExitCode;
    }

    /// <summary>Everything the child wrote to standard error (after it ended).</summary>
    public string StandardError => _stderrReader.Join(TimeSpan.FromSeconds(10)) ? _stderr : "(still open)";

    /// <summary>The rest of standard output (after it ended).</summary>
    public string RestOfOutput() => _process.StandardOutput.ReadToEnd();

    /// <summary>Kills the child and every process it started (a shell's pipeline too).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // it has ended
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
