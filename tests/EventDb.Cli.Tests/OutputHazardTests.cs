namespace EventDb.Cli.Tests;

/// <summary>
/// <c>--output</c> never overwrites the database being read, nor the files SQLite keeps beside it, by whatever path it
/// is named (a results symlink, <c>..</c>, a symlink or hard link to the file): creating the output empties the file
/// before a line is written, and a <c>-journal</c> full of text makes the database unreadable.
/// </summary>
public sealed partial class OutputHazardTests : IDisposable
{
    private readonly PenguinFile _file = new();
    private readonly TempDirectory _dir = new();
    private readonly string _latest;

    public OutputHazardTests()
    {
        _latest = _dir.File("latest");
        Directory.CreateSymbolicLink(_latest, _file.Results);
        File.CreateSymbolicLink(_dir.File("link.db"), _file.DbPath);
        Assert.Equal(0, link(_file.DbPath, _dir.File("hard.db")));
    }

    public void Dispose()
    {
        _dir.Dispose();
        _file.Dispose();
    }

    [Theory]
    [InlineData("{db}")]
    [InlineData("{results}/../{name}/plugins.db")]
    [InlineData("{latest}/plugins.db")]
    [InlineData("{dir}/link.db")]
    [InlineData("{dir}/hard.db")]
    [InlineData("{results}/plugins.db-wal")]
    [InlineData("{latest}/plugins.db-journal")]
    [InlineData("{results}/plugins.db-shm")]
    public void Output_TheDatabaseOrItsJournal_IsRefused_AndTheFileIsUntouched(string output)
    {
        var path = output.Replace("{db}", _file.DbPath, StringComparison.Ordinal)
            .Replace("{results}", _file.Results, StringComparison.Ordinal)
            .Replace("{name}", Path.GetFileName(_file.Results), StringComparison.Ordinal)
            .Replace("{latest}", _latest, StringComparison.Ordinal)
            .Replace("{dir}", _dir.Path, StringComparison.Ordinal);
        var before = File.ReadAllBytes(_file.DbPath);
        foreach (var command in new[] { "tasks", "syscalls", "fds" })
        {
            var run = CliRun.Of(command, "--results", _latest, "--output", path);
            Assert.Equal((1, "", $"eventdb: Cannot write '{path}': it is the database being read ('{_latest}/plugins.db'); name another --output file.\n"),
                (run.Exit, run.Out, run.Err));
        }
        Assert.Equal(before, File.ReadAllBytes(_file.DbPath));
        Assert.Equal([_file.DbPath], Directory.GetFiles(_file.Results));
        Assert.Equal(PenguinFile.Text(PenguinFile.Tasks), CliRun.Of("tasks", "--results", _latest).Out);
    }

    [Fact]
    public void Output_BesideTheDatabase_IsFine_EvenNamedLikeAnotherFilesJournal()
    {
        var path = Path.Combine(_file.Results, "link.db-wal"); // plugins.db's journal files are named after plugins.db
        Assert.Equal(0, CliRun.Of("tasks", "--results", _file.Results, "--output", path).Exit);
        Assert.Equal(PenguinFile.Text(PenguinFile.Tasks), File.ReadAllText(path));
    }

    [Fact]
    public void Output_ADirectory_OneLine()
    {
        var run = CliRun.Of("tasks", "--results", _file.Results, "--output", _dir.Path);
        Assert.Equal((1, $"eventdb: Cannot write '{_dir.Path}': it is a directory.\n"), (run.Exit, run.Err));
    }

    [System.Runtime.InteropServices.LibraryImport("libc", SetLastError = true, StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8)]
    private static partial int link(string existing, string created);
}
