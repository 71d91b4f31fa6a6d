namespace EventDb.Cli.Tests;

/// <summary>
/// What a hostile or careless user does to the tool's output and file, in real bash: standard output closed
/// (<c>&gt;&amp;-</c>), <c>/dev/full</c>, SIGPIPE ignored by the parent, a value of 50 million characters, the followed
/// file truncated, standard error unwritable. Each ends promptly with one line (or, for a reader that had enough, quietly with 0).
/// </summary>
public sealed class HostileOutputTests : IDisposable
{
    private const string Endless = "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n) SELECT k FROM n";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _dir = new();

    public HostileOutputTests()
    {
        using var db = SqlFile.Penguin(_dir.DbPath);
        db.Syscall(1, "p", "sys_getpid", 1, "ok").Write(2, "p", 1, "/dev/ttyS0", [0x41]);
    }

    public void Dispose() => _dir.Dispose();

    private static string Q(string value) => Pipeline.Quote(value);

    private static void AssertOneLine(ShellRun run, string expected)
    {
        Assert.Equal(1, run.Exit);
        Assert.Equal(expected, Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Theory]
    [InlineData("query DB 'SELECT 1'")]
    [InlineData("syscalls --results DIR")]
    [InlineData("syscalls --results DIR --follow")]
    [InlineData("tail DB event --follow")]
    public void StandardOutputClosed_OneLine_Exit1(string command)
    {
        var run = ShellRun.Of($"eventdb {Args(command)} >&-", s_timeout);
        AssertOneLine(run, "eventdb: Cannot write the output: descriptor 1 is not open for writing (Bad file descriptor)");
    }

    [Theory]
    [InlineData("query DB 'SELECT 1'")]
    [InlineData("syscalls --results DIR")]
    [InlineData("syscalls --results DIR --follow")]
    [InlineData("tail DB event --follow")]
    public void StandardOutputDevFull_OneLine_Exit1(string command)
    {
        var run = ShellRun.Of($"eventdb {Args(command)} > /dev/full", s_timeout);
        AssertOneLine(run, "eventdb: Cannot write the output: No space left on device");
    }

    /// <summary>An error nobody can be told of: the message is lost, the exit code still says 1 (it aborted with 134).</summary>
    [Theory]
    [InlineData("2>&-")]
    [InlineData("2>/dev/full")]
    [InlineData(">&- 2>&-")]
    [InlineData("> /dev/full 2> /dev/full")]
    public void StandardErrorUnwritable_AnErrorStillExits1(string redirections)
    {
        var run = ShellRun.Of($"eventdb query {Q(_dir.File("missing.db"))} 'SELECT 1' {redirections}; echo \"exit=$?\"", s_timeout);
        Assert.Equal("exit=1\n", run.Out);
        Assert.Equal("", run.Err);
    }

    [Fact]
    public void SigpipeIgnoredByTheParent_HeadOne_StillEndsQuietly()
    {
        // An ignored SIGPIPE is inherited: the write fails with EPIPE, as it does for .NET anyway.
        var run = ShellRun.Of($"trap '' PIPE; eventdb query {Q(_dir.DbPath)} {Q(Endless)} | head -1; echo \"exit=${{PIPESTATUS[0]}}\"", s_timeout);
        Assert.Equal("k\nexit=0\n", run.Out);
        Assert.Equal("", run.Err);
    }

    [Fact]
    public void AValueOf50MillionCharacters_ReaderTakesTen_EndsQuietly()
    {
        var run = ShellRun.Of($"eventdb query {Q(_dir.DbPath)} \"SELECT printf('%.*c', 50000000, 'x') AS s\" | head -c 10; echo; echo \"exit=${{PIPESTATUS[0]}}\"", s_timeout);
        Assert.Equal("s\nxxxxxxxx\nexit=0\n", run.Out);
        Assert.Equal("", run.Err);
    }

    [Fact]
    public void AValueOf50MillionCharacters_WrittenWhole()
    {
        var run = ShellRun.Of($"eventdb query {Q(_dir.DbPath)} \"SELECT printf('%.*c', 50000000, 'x') AS s\" | wc -c", s_timeout);
        Assert.Equal("50000003", run.Out.Trim()); // "s\n", the value, "\n"
    }

    [Fact]
    public void TailFollow_FileTruncatedUnderIt_OneLineSayingSo()
    {
        using var tool = ChildProcess.Start("EventDb.Cli", "tail", _dir.DbPath, "event", "--follow");
        Assert.Equal("id\ttype\tprocname\tproc_id", tool.ReadLine(s_timeout));
        Assert.Equal("1\tsyscall\tp\t0", tool.ReadLine(s_timeout));
        Assert.Equal("2\twrite\tp\t0", tool.ReadLine(s_timeout));
        using (var file = new FileStream(_dir.DbPath, FileMode.Open, FileAccess.Write))
            file.SetLength(0); // truncate(2) as `: > plugins.db` does

        Assert.Equal(1, tool.WaitForExit(TimeSpan.FromSeconds(15)));
        var line = Assert.Single(tool.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"eventdb: '{_dir.DbPath}' was truncated to 0 bytes while it was followed", line, StringComparison.Ordinal);
    }

    private string Args(string command) =>
        command.Replace("DIR", Q(_dir.Path), StringComparison.Ordinal).Replace("DB", Q(_dir.DbPath), StringComparison.Ordinal);
}
