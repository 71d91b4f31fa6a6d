namespace EventDb.FaultTests;

/// <summary>
/// A relative Directory is resolved once, at Open: a later chdir moves nothing. (It changes the process's current
/// directory, which is safe here only because this assembly runs its tests one at a time.)
/// </summary>
public sealed class WorkingDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _elsewhere = new();
    private readonly string _original = Environment.CurrentDirectory;

    public void Dispose()
    {
        Environment.CurrentDirectory = _original;
        _dir.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public void RelativeDirectory_ThenChdir_TheLoggerKeepsItsFileAndNothingAppearsInTheNewDirectory()
    {
        Environment.CurrentDirectory = _dir.Path;
        using var log = EventLogger.Open(_dir.Options() with { Directory = "." });
        Producers.AddNumbered(log, 0, 0, 100);
        log.Flush();

        Environment.CurrentDirectory = _elsewhere.Path;
        Producers.AddNumbered(log, 0, 100, 100);
        log.Add(new Labelled { Seq = 0, Label = "a type first added after the chdir" });
        log.Flush();
        Assert.Equal(200, log.ReadAll<Numbered>().Count);
        log.Dispose();

        Assert.Equal(_dir.DbPath, log.FilePath);
        Assert.Empty(Directory.GetFiles(_elsewhere.Path));
        Assert.Equal(201, log.WrittenEvents);
        using var db = _dir.OpenRaw(readOnly: true);
        FileChecks.AssertEachNumberedOnce(db, 1, 200);
    }
}
