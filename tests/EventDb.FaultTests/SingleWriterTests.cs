namespace EventDb.FaultTests;

/// <summary>One writer per file: a second Open fails at once naming the holder; readers are unaffected; no stale lock.</summary>
public sealed class SingleWriterTests : IDisposable
{
    private readonly FaultDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_FileAnotherLoggerInThisProcessWrites_FailsAtOnceNamingFileAndThisProcess()
    {
        using var first = EventLogger.Open(_dir.Options());
        Producers.AddNumbered(first, 0, 0, 100);

        var ex = Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options()));

        Assert.Contains(_dir.DbPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"another EventLogger in this process (pid {Environment.ProcessId})", ex.Message, StringComparison.Ordinal);
        first.Dispose();
        Assert.Equal(100, first.WrittenEvents); // the refused Open took nothing from the first
        using var second = EventLogger.Open(_dir.Options()); // free once the first is disposed
        Producers.AddNumbered(second, 1, 0, 100);
        second.Dispose();
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal(200, db.Long("SELECT count(DISTINCT id) FROM numbered"));
    }

    [Fact]
    public void Open_ThroughASymlinkedDirectory_IsTheSameFileAndIsRefused()
    {
        using var first = EventLogger.Open(_dir.Options());
        string link = _dir.Path + "-link";
        File.CreateSymbolicLink(link, _dir.Path);
        try
        {
            var ex = Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options() with { Directory = link }));
            Assert.Contains("already open for writing", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void Open_FileAnotherProcessWrites_FailsNamingItsPidReadersAreUnaffectedAndKillNineFreesIt()
    {
        using var holder = ChildProcess.Start("EventDb.FaultChild", "hold", _dir.Path);
        holder.WaitForLine("ready", TimeSpan.FromSeconds(60));

        var ex = Assert.Throws<EventDbException>(() => EventLogger.Open(_dir.Options() with { Tables = Penguin.PenguinTables.All }));
        Assert.Contains($"process {holder.Id}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.DbPath, ex.Message, StringComparison.Ordinal);
        using (var reader = _dir.OpenRaw(readOnly: true))
            Assert.Equal(0, reader.Long("SELECT count(*) FROM event")); // a reader needs no writer lock

        holder.Signal(ChildProcess.SigKill);
        holder.WaitForExit(TimeSpan.FromSeconds(30));

        using var log = EventLogger.Open(_dir.Options() with { Tables = Penguin.PenguinTables.All });
        log.Add(new Penguin.Syscall { Name = "after the holder died" });
        log.Flush();
        Assert.Equal(1, log.WrittenEvents);
    }
}
