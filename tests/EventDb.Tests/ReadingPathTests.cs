using System.Diagnostics;
using EventDb.Penguin;

namespace EventDb.Tests;

/// <summary>
/// The reader against paths that are not what they were or not files at all: a named pipe, a directory or a device where
/// the file (or its <c>-wal</c>) should be is refused at once, never waited on; a followed file renamed, deleted or
/// replaced (a rotation) ends the follow with an <see cref="EventDbException"/> after the rows it got. Real FIFOs
/// (<c>mkfifo</c>), real renames. Also <see cref="IntegerColumn.IsNumber"/>: text compared as SQL compares it.
/// </summary>
public sealed class ReadingPathTests : IDisposable
{
    private static readonly TimeSpan s_prompt = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Fifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private void WriteSyscalls(int n)
    {
        using var log = EventLogger.Open(_dir.Options() with { Tables = PenguinTables.All });
        for (int i = 0; i < n; i++)
            log.Add(new Syscall { Name = "sys_read", Arg0 = (ulong)i });
    }

    /// <summary>Opens <paramref name="path"/> on another thread: a hang fails the test after 10 s instead of blocking it.</summary>
    private static EventDbException OpenRefused(string path)
    {
        var open = Task.Run(() => EventFile.OpenRead(path));
        Assert.True(Task.WhenAny(open, Task.Delay(s_prompt)).Result == open, $"OpenRead('{path}') did not return within {s_prompt.TotalSeconds} s");
        return Assert.IsType<EventDbException>(Assert.Single(open.Exception!.InnerExceptions));
    }

    [Fact]
    public void OpenRead_ANamedPipe_RefusedAtOnce()
    {
        var ex = OpenRefused(Fifo(System.IO.Path.Combine(_dir.Path, "pipe.db")));
        Assert.Contains("is a named pipe (FIFO), not a database file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRead_ADirectoryWhosePluginsDbIsANamedPipe_RefusedAtOnce()
    {
        Fifo(_dir.DbPath);
        var ex = OpenRefused(_dir.Path);
        Assert.Contains("named pipe", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-wal")]
    [InlineData("-shm")]
    [InlineData("-journal")]
    public void OpenRead_ANamedPipeBesideTheFile_RefusedAtOnce(string suffix)
    {
        WriteSyscalls(3);
        Fifo(_dir.DbPath + suffix);
        var ex = OpenRefused(_dir.DbPath);
        Assert.Contains($"its '{_dir.DbPath + suffix}' is a named pipe (FIFO)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRead_ACharacterDevice_Refused()
    {
        // /dev/zero opened by SQLite reads as an empty database: a silent "no tables" instead of an error.
        var ex = OpenRefused("/dev/zero");
        Assert.Contains("is a character device", ex.Message, StringComparison.Ordinal);
    }

    private async Task<(int Rows, EventDbException? Error)> FollowWhile(Action replace)
    {
        WriteSyscalls(5);
        using var file = EventFile.OpenRead(_dir.DbPath);
        file.PollInterval = TimeSpan.FromMilliseconds(10);
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int rows = 0;
        try
        {
            await foreach (var _ in file.Follow<Syscall>(cancellationToken: hang.Token))
            {
                if (++rows == 5)
                    replace();
            }
        }
        catch (EventDbException ex)
        {
            return (rows, ex);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("the follow went on watching a file nothing writes for 30 s");
        }
        return (rows, null);
    }

    [Fact]
    public async Task Follow_FileRenamedAwayAndAnotherPutInItsPlace_EndsWithAnErrorSayingSo()
    {
        var (rows, error) = await FollowWhile(() =>
        {
            File.Move(_dir.DbPath, _dir.DbPath + ".1");
            File.Copy(_dir.DbPath + ".1", _dir.DbPath); // a new file (another inode) with the same rows, as a rotation leaves it
        });
        Assert.Equal(5, rows); // nothing read twice from the new file
        Assert.NotNull(error);
        Assert.Contains("names another file now", error.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.DbPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_FileDeleted_EndsWithAnErrorSayingSo()
    {
        var (rows, error) = await FollowWhile(() => File.Delete(_dir.DbPath));
        Assert.Equal(5, rows);
        Assert.NotNull(error);
        Assert.Contains("was deleted or renamed away", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3", 2)]
    [InlineData("03", 2)]
    [InlineData("+3", 2)]
    [InlineData("3.0", 2)]
    [InlineData(" 3 ", 2)]
    [InlineData("30", 1)]
    [InlineData("3.5", 0)]
    [InlineData("0x3", 0)]
    [InlineData("three", 0)]
    [InlineData("", 0)]
    public void IsNumber_ComparesTextAsSqlComparesItWithAnIntegerColumn(string text, long expected)
    {
        using (var log = EventLogger.Open(_dir.Options() with { Tables = PenguinTables.All }))
        {
            foreach (long fd in new long[] { 3, 30, 3, 4 })
                log.Add(new Write { Fd = fd, Fname = "/f" });
        }
        using var file = EventFile.OpenRead(_dir.DbPath);
        Assert.Equal(expected, file.Count<Write>(new RowSelection { Where = Write.Where.Fd.IsNumber(text) }));
        Assert.Equal(expected, file.Read<Write>(new RowSelection { Where = Write.Where.Fd.IsNumber(text) }).Count());
    }
}
