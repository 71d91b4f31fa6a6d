using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EventDb.Cli.Tests;

/// <summary>
/// A follow whose output nobody takes: a reader that opened the named pipe and stopped reading (the tool blocks in
/// <c>write(2)</c> on the full pipe), or <c>--output</c> naming a named pipe nobody opened (the tool blocks in
/// <c>open(2)</c>). A real SIGTERM or SIGINT still ends it within 10 s, with 128 + the signal's number and a line saying
/// what was lost. Real FIFOs, real processes, real signals.
/// </summary>
public sealed class StalledReaderTests : IClassFixture<ReaderGoneTests.Files>, IDisposable
{
    private static readonly TimeSpan s_start = TimeSpan.FromSeconds(90), s_stop = TimeSpan.FromSeconds(10);
    private readonly BigPenguinFile _penguin;
    private readonly TempDirectory _dir = new();
    private readonly List<int> _readers = [];

    public StalledReaderTests(ReaderGoneTests.Files files) => _penguin = files.Penguin;

    public void Dispose()
    {
        foreach (int pid in _readers)
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // it has ended
            }
        }
        _dir.Dispose();
    }

    private static string Q(string value) => Pipeline.Quote(value);

    // The system call numbers /proc/PID/task/TID/syscall shows, by architecture.
    private static (int Write, int OpenAt) SystemCalls => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? (64, 56) : (1, 257);

    /// <summary>Waits until a thread of <paramref name="pid"/> sits in a system call (its number and arguments, as /proc shows them) that <paramref name="matches"/>.</summary>
    private static void WaitUntilBlockedIn(int pid, Func<string[], bool> matches, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < s_start)
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    if (matches(File.ReadAllText(Path.Combine(task, "syscall")).Split(' ')))
                        return;
                }
                catch (IOException)
                {
                    // the thread ended
                }
            }
            Thread.Sleep(100);
        }
        Assert.Fail($"the tool never blocked in {what}");
    }

    private static void AssertEndsPromptly(ChildProcess tool, int signal, string name)
    {
        var stopping = Stopwatch.StartNew();
        tool.Signal(signal);
        int exit = tool.WaitForExit(s_stop);
        Assert.True(stopping.Elapsed < s_stop, $"took {stopping.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(128 + signal, exit);
        var line = Assert.Single(tool.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"eventdb: stopped by {name}; what was printed last could not be written within 1 s", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChildProcess.SigTerm, "SIGTERM")]
    [InlineData(ChildProcess.SigInt, "SIGINT")]
    public void Follow_IntoAPipeItsReaderStoppedReading_ASignalEndsItWithin10s(int signal, string name)
    {
        string fifo = _dir.File("fifo"), started = _dir.File("started"), reader = _dir.File("reader.pid");
        // The reader takes a first piece, then holds the pipe open without reading (its own output elsewhere, so the tool's
        // standard error ends with the tool); the tool, exec'd, has the script's id.
        // tail prints all 20,000 rows before it follows: far more than the 64 KiB the pipe holds.
        using var tool = ChildProcess.StartShell($$"""
            mkfifo {{Q(fifo)}}
            { head -c 1 > {{Q(started)}}; exec sleep 600; } < {{Q(fifo)}} > /dev/null 2>&1 &
            echo $! > {{Q(reader)}}
            exec "$DOTNET" "$EVENTDB_CLI" tail {{Q(_penguin.DbPath)}} syscall -n 100000 --follow > {{Q(fifo)}}
            """);
        var waiting = Stopwatch.StartNew();
        while (!File.Exists(started) || new FileInfo(started).Length == 0)
        {
            Assert.True(waiting.Elapsed < s_start, "the tool wrote nothing into the pipe");
            Thread.Sleep(50);
        }
        _readers.Add(int.Parse(File.ReadAllText(reader).Trim(), System.Globalization.CultureInfo.InvariantCulture));
        WaitUntilBlockedIn(tool.Id, call => call[0] == SystemCalls.Write.ToString(System.Globalization.CultureInfo.InvariantCulture) && call[1] == "0x1", "write(1, ...)");

        AssertEndsPromptly(tool, signal, name);
    }

    [Fact]
    public void Follow_OutputANamedPipeNobodyOpened_SigtermEndsItWithin10s()
    {
        string fifo = _dir.File("fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
            mkfifo.WaitForExit();
        using var tool = ChildProcess.Start("EventDb.Cli", "syscalls", "--results", _penguin.Results, "--follow", "--output", fifo);
        // openat(dir, path, flags) with O_WRONLY: the output, not one of the files .NET opens for reading as it starts.
        WaitUntilBlockedIn(tool.Id, call => call[0] == SystemCalls.OpenAt.ToString(System.Globalization.CultureInfo.InvariantCulture) && call.Length > 3 && (Convert.ToInt64(call[3], 16) & 1) != 0, "open(2) of the named pipe");

        AssertEndsPromptly(tool, ChildProcess.SigTerm, "SIGTERM");
    }
}
