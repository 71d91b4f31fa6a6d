namespace EventDb.Cli.Tests;

/// <summary>What Penguin's subcommands do with a missing, foreign or empty file: one line on standard error, exit 1, no output file.</summary>
public sealed class PenguinErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("syscalls")]
    [InlineData("tasks")]
    [InlineData("fds")]
    public void MissingDb_PenguinsMessageOnStandardError_Exit1_OutputUntouched(string command)
    {
        var output = _dir.File("out.txt");
        var run = CliRun.Of(command, "--results", _dir.Path + "/run", "--output", output);
        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Equal($"eventdb: Failed to find db at {_dir.Path}/run/plugins.db. Check your --results\n", run.Err);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void NotADatabase_OneLine_Exit1()
    {
        File.WriteAllText(_dir.DbPath, "this is not a database, just some text that is long enough to be read as a header....");
        var run = CliRun.Of("reads", "--results", _dir.Path);
        Assert.Equal(1, run.Exit);
        Assert.Equal($"eventdb: '{_dir.DbPath}' is not an SQLite database.\n", run.Err);
    }

    [Fact]
    public void NoPenguinTables_NamesWhatIsMissing_Exit1()
    {
        using (var db = SqlFile.Create(_dir.DbPath))
            db.Exec("CREATE TABLE other (id INTEGER PRIMARY KEY)");
        var output = _dir.File("out.txt");
        var run = CliRun.Of("syscalls", "--results", _dir.Path, "--output", output);
        Assert.Equal(1, run.Exit);
        Assert.Equal($"eventdb: '{_dir.DbPath}' has no table 'event', no table 'syscall', which reading 'syscall' needs.\n", run.Err);
        Assert.False(File.Exists(output));
        var tasks = CliRun.Of("tasks", "--results", _dir.Path);
        Assert.Equal($"eventdb: '{_dir.DbPath}' has no table 'event' (its tables: other).\n", tasks.Err);
    }

    [Fact]
    public void EmptyTables_NothingPrinted_Exit0()
    {
        using (SqlFile.Penguin(_dir.DbPath))
        {
        }
        foreach (var command in new[] { "execs", "fds", "reads", "syscalls", "tasks", "writes" })
        {
            var run = CliRun.Of(command, "--results", _dir.Path);
            Assert.Equal((0, "", ""), (run.Exit, run.Out, run.Err));
        }
    }
}
