namespace EventDb.Cli.Tests;

/// <summary>
/// A reader that has seen enough (<c>| head -1</c>, <c>| grep -m1</c>, <c>| true</c>): the tool ends promptly with a quiet
/// exit 0, as docs/cli.md promises — by the failed write when it is writing (a query without end stops at once), and,
/// when a follow waits for a writer with nothing to write, by noticing the closed pipe as <c>tail -f</c> does. Real
/// processes in real bash pipelines; the tool's standard error (<c>EVENTDB_DEBUG=1</c>) shows that it stopped at the
/// closed output rather than at its end.
/// </summary>
public sealed class ReaderGoneTests : IClassFixture<ReaderGoneTests.Files>
{
    private const string Endless = "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n) SELECT k FROM n";

    private readonly Files _files;

    public ReaderGoneTests(Files files) => _files = files;

    /// <summary>The big Penguin file, shared by the tests of this class (it takes a while to write).</summary>
    public sealed class Files : IDisposable
    {
        public BigPenguinFile Penguin { get; } = new();

        public void Dispose() => Penguin.Dispose();
    }

    private static void AssertQuietStop(Pipeline run)
    {
        Assert.Equal(0, run.Exit);
        Assert.True(run.StoppedByClosedOutput, "the tool did not stop at the closed output: " + run.Err);
        Assert.DoesNotContain("eventdb:", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_WithoutEnd_HeadOne_StopsAtOnce()
    {
        var run = Pipeline.Run("head -1", "query", _files.Penguin.DbPath, Endless);
        Assert.Equal("k\n", run.ReaderOutput);
        AssertQuietStop(run);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("jsonl")]
    public void Query_WithoutEnd_GrepM1_StopsAtOnce(string format)
    {
        var run = Pipeline.Run("grep -m1 -w 5", "query", _files.Penguin.DbPath, Endless, "--format", format);
        Assert.Contains("5", run.ReaderOutput, StringComparison.Ordinal);
        AssertQuietStop(run);
    }

    [Fact]
    public void Query_ReaderGoneBeforeTheFirstWrite_True_Exit0()
    {
        var run = Pipeline.Run("true", "query", _files.Penguin.DbPath, Endless);
        Assert.Equal("", run.ReaderOutput);
        AssertQuietStop(run);
    }

    [Theory]
    [InlineData("execs", "(process-number-1) Exec: \"['/bin/x', '1']\" init")]
    [InlineData("fds", "(last) 4 /dev/last")] // sorted as Python sorts the tuples: "last" before "process-number-..."
    [InlineData("reads", "(process-number-1) read(1, /etc/passwd, \"b'A'\")")]
    [InlineData("syscalls", "(process-number-1) sys_getpid() = 1(ok)")]
    [InlineData("tasks", "process-number-1")]
    [InlineData("writes", "(process-number-1) write(1, /dev/ttyS0, \"b'B'\")")]
    public void Penguin_HeadOne_StopsAtTheClosedPipe(string command, string firstLine)
    {
        var run = Pipeline.Run("head -1", command, "--results", _files.Penguin.Results);
        Assert.Equal(firstLine + "\n", run.ReaderOutput);
        AssertQuietStop(run);
    }

    /// <summary>
    /// A follow prints the matching rows among the last four events, then waits for a writer that never comes: nothing
    /// more is written, so only noticing the closed pipe while waiting can end it.
    /// </summary>
    [Theory]
    [InlineData("execs", "(last) Exec: \"['/bin/last']\" init")]
    [InlineData("fds", "(last) 4 /dev/last")]
    [InlineData("reads", "(last) read(3, /etc/last, \"b'C'\")")]
    [InlineData("syscalls", "(last) sys_last() = 0(ok)")]
    [InlineData("writes", "(last) write(4, /dev/last, \"b'D'\")")]
    public void PenguinFollow_HeadOne_EndsWhileWaitingForAWriter(string command, string line)
    {
        var run = Pipeline.Run("head -1", command, "--results", _files.Penguin.Results, "--follow");
        Assert.Equal(line + "\n", run.ReaderOutput);
        AssertQuietStop(run);
    }

    [Fact]
    public void SyscallsFollow_GrepM1_Ends()
    {
        var run = Pipeline.Run("grep -m1 sys_last", "syscalls", "--results", _files.Penguin.Results, "--follow");
        Assert.Equal("(last) sys_last() = 0(ok)\n", run.ReaderOutput);
        AssertQuietStop(run);
    }

    [Fact]
    public void TailFollow_HeadTwo_EndsWhileWaitingForAWriter()
    {
        var run = Pipeline.Run("head -2", "tail", _files.Penguin.DbPath, "event", "-n", "1", "--follow");
        Assert.Equal($"id\ttype\tprocname\tproc_id\n{4 * BigPenguinFile.Rows + 4}\tsyscall\tlast\t0\n", run.ReaderOutput);
        AssertQuietStop(run);
    }
}
