using System.Diagnostics;

namespace EventDb.Cli.Tests;

/// <summary>
/// A named pipe, a directory or a device where the file (or <c>plugins.db</c> inside <c>--results</c>, or the
/// <c>-wal</c>/<c>-journal</c> beside it) should be: the tool says so on one line and exits 1 at once; <c>open(2)</c> of a
/// FIFO used to wait for a writer forever. Then the follow whose file is rotated under it. The built tool as a real
/// process, real FIFOs.
/// </summary>
public sealed class NotAFileTests : IDisposable
{
    private static readonly TimeSpan s_prompt = TimeSpan.FromSeconds(15); // .NET's start included, on a busy machine
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static string RefusedAtOnce(params string[] args)
    {
        using var tool = ChildProcess.Start("EventDb.Cli", args);
        tool.StandardInput.Close();
        Assert.Equal(1, tool.WaitForExit(s_prompt));
        Assert.Equal("", tool.RestOfOutput());
        return Assert.Single(tool.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("query", "SELECT 1")]
    [InlineData("tail", "event")]
    [InlineData("info", null)]
    [InlineData("schema", null)]
    public void TheFileANamedPipe_Refused(string command, string? more)
    {
        string fifo = _dir.File("run.db");
        MakeFifo(fifo);
        var line = RefusedAtOnce(more is null ? [command, fifo] : [command, fifo, more]);
        Assert.Equal($"eventdb: Cannot read '{fifo}': it is a named pipe (FIFO), not a database file.", line);
    }

    [Theory]
    [InlineData("syscalls")]
    [InlineData("tasks")]
    [InlineData("fds")]
    public void PluginsDbInsideResultsANamedPipe_Refused(string command)
    {
        MakeFifo(_dir.DbPath);
        var line = RefusedAtOnce(command, "--results", _dir.Path);
        Assert.Contains("named pipe (FIFO)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void PluginsDbInsideResultsADirectory_Refused()
    {
        Directory.CreateDirectory(_dir.DbPath);
        Assert.Contains("is a directory", RefusedAtOnce("syscalls", "--results", _dir.Path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-wal")]
    [InlineData("-journal")]
    public void ANamedPipeBesideTheFile_Refused(string suffix)
    {
        using (var db = SqlFile.Penguin(_dir.DbPath))
            db.Syscall(1, "p", "sys_getpid", 1, "ok");
        MakeFifo(_dir.DbPath + suffix);
        var line = RefusedAtOnce("syscalls", "--results", _dir.Path);
        Assert.Contains($"its '{_dir.DbPath}{suffix}' is a named pipe (FIFO)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ACharacterDevice_Refused() =>
        Assert.Equal("eventdb: Cannot read '/dev/zero': it is a character device, not a database file.", RefusedAtOnce("query", "/dev/zero", "SELECT 1"));

    /// <summary>
    /// <c>tail --follow</c> of a file that a rotation renames away and replaces: the rows it had are printed, then one
    /// line says the path names another file now, exit 1 — not a follow of a file nobody writes any more.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TailFollow_FileRotatedOrDeleted_EndsWithOneLine(bool replaced)
    {
        using (var db = SqlFile.Penguin(_dir.DbPath))
            db.Syscall(1, "p", "sys_getpid", 1, "ok");
        using var tool = ChildProcess.Start("EventDb.Cli", "tail", _dir.DbPath, "event", "--follow");
        Assert.Equal("id\ttype\tprocname\tproc_id", tool.ReadLine(TimeSpan.FromSeconds(60)));
        Assert.Equal("1\tsyscall\tp\t0", tool.ReadLine(TimeSpan.FromSeconds(60)));
        File.Move(_dir.DbPath, _dir.DbPath + ".1");
        if (replaced)
            File.Copy(_dir.DbPath + ".1", _dir.DbPath);

        Assert.Equal(1, tool.WaitForExit(s_prompt));
        Assert.Equal("", tool.RestOfOutput());
        var line = Assert.Single(tool.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"eventdb: '{_dir.DbPath}' {(replaced ? "names another file now" : "was deleted or renamed away")}", line, StringComparison.Ordinal);
    }
}
