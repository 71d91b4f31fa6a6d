using System.Globalization;

namespace EventDb.Cli.Tests;

/// <summary>The tool as a real process: exit codes, the default --results, a reader that closes the pipe.</summary>
public sealed class ProcessTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Exit, string Out, string Err) Run(string? workingDirectory, params string[] args)
    {
        using var child = ChildProcess.StartIn(workingDirectory, "EventDb.Cli", args);
        child.StandardInput.Close();
        var output = child.RestOfOutput();
        int exit = child.WaitForExit(s_timeout);
        return (exit, output, child.StandardError);
    }

    [Fact]
    public void ExitCodes_OkErrorUsage()
    {
        using var penguin = new PenguinFile();
        Assert.Equal((0, PenguinFile.Text(PenguinFile.Execs), ""), Run(null, "execs", "--results", penguin.Results));
        Assert.Equal((1, "", "eventdb: '/nonexistent/x.db': no such file or directory.\n"), Run(null, "info", "/nonexistent/x.db"));
        Assert.Equal((2, "", "eventdb: Unrecognized command or argument '--bogus'. (see 'eventdb reads --help')\n"), Run(null, "reads", "--bogus"));
        Assert.Equal((2, "", "eventdb: Unrecognized command or argument 'frobnicate'. (see 'eventdb --help')\n"), Run(null, "frobnicate"));
        Assert.Equal(2, Run(null, "reads", "--fd").Exit);                          // a value is missing
        Assert.Equal(2, Run(null, "query", penguin.DbPath, "select 1", "--format", "xml").Exit);
        Assert.Equal(2, Run(null, "tail", penguin.DbPath, "event", "-n", "-1").Exit);
        var bare = Run(null);
        Assert.Equal(2, bare.Exit);
        Assert.Contains("Usage:", bare.Out);
    }

    [Theory]
    [InlineData("execs")]
    [InlineData("fds")]
    [InlineData("reads")]
    [InlineData("syscalls")]
    [InlineData("tasks")]
    [InlineData("writes")]
    [InlineData("info")]
    [InlineData("schema")]
    [InlineData("query")]
    [InlineData("tail")]
    public void Help_EveryCommand_UsageOptionsAndExamples_Exit0(string command)
    {
        var (exit, output, error) = Run(null, command, "--help");
        Assert.Equal((0, ""), (exit, error));
        Assert.Contains($"eventdb {command}", output);
        Assert.Contains("Examples:\n  eventdb " + command, output);
    }

    [Fact]
    public void Results_DefaultsToResultsLatestUnderTheWorkingDirectory()
    {
        using var penguin = new PenguinFile();
        Directory.CreateDirectory(_dir.File("results/3"));
        File.Copy(penguin.DbPath, _dir.File("results/3/plugins.db"));
        File.CreateSymbolicLink(_dir.File("results/latest"), "./3");
        Assert.Equal((0, PenguinFile.Text(PenguinFile.Tasks), ""), Run(_dir.Path, "tasks"));
    }

    [Fact]
    public void ReaderClosesThePipe_StopsQuietly_Exit0()
    {
        using (var db = SqlFile.Penguin(_dir.DbPath))
        {
            db.Exec("""
                WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 50000)
                INSERT INTO event SELECT k, 'syscall', 'p', 0 FROM n;
                INSERT INTO syscall (id, name, retno, retno_repr) SELECT id, 'sys_getpid', id, 'ok' FROM event;
                """);
        }
        using var child = ChildProcess.Start("EventDb.Cli", "syscalls", "--results", _dir.Path);
        Assert.Equal("(p) sys_getpid() = 1(ok)", child.ReadLine(s_timeout));
        child.StandardOutput.Close(); // like `| head -1`
        Assert.Equal(0, child.WaitForExit(s_timeout));
        Assert.Equal("", child.StandardError);
    }

    /// <summary>Penguin's line for the writer child's event k (a syscall unless k is a multiple of 5).</summary>
    internal static string StepLine(long k) => string.Create(CultureInfo.InvariantCulture, $"(writer) sys_step(n(0x{k:x})) = {k}(ok)");
}
