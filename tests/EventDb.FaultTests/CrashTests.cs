using System.Globalization;

namespace EventDb.FaultTests;

/// <summary>A writer process killed with SIGKILL mid-stream leaves a sound file holding whole flushes only.</summary>
public sealed class CrashTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Runs the child from event <paramref name="from"/>, kills it mid-stream, and returns the highest count it reported flushed.</summary>
    private long RunAndKill(long from)
    {
        using var child = ChildProcess.Start("EventDb.FaultChild", "crash", _dir.Path, from.ToString(CultureInfo.InvariantCulture));
        long flushed = from;
        // Let it report a few flushes, then kill it at an arbitrary point of the next stretch of writing.
        for (int reports = 0; reports < 3; reports++)
        {
            var line = child.ReadLine(TimeSpan.FromSeconds(90));
            if (line is null)
                Assert.Fail($"the child ended after {reports} flushes; stderr: {child.StandardError}");
            Assert.StartsWith("FLUSHED ", line, StringComparison.Ordinal);
            flushed = long.Parse(line["FLUSHED ".Length..], CultureInfo.InvariantCulture);
        }
        Thread.Sleep(Random.Shared.Next(20, 200));
        child.Signal(ChildProcess.SigKill); // no finalizers, no Dispose, no flush
        Assert.Equal(128 + ChildProcess.SigKill, child.WaitForExit(TimeSpan.FromSeconds(30)));
        // Anything it printed before it died was flushed before it was printed.
        foreach (var line in child.RestOfOutput().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            flushed = Math.Max(flushed, long.Parse(line["FLUSHED ".Length..], CultureInfo.InvariantCulture));
        return flushed;
    }

    /// <summary>The file is sound, untorn, and holds exactly events 0..n-1 once each with ids 1..n; returns n.</summary>
    private long AssertWholeFlushesOnly(long flushed)
    {
        using var db = _dir.OpenRaw(); // read-write: the first connection after the crash recovers the WAL
        FileChecks.AssertSoundAndUntorn(db, "event", "type", "syscall", "write", "read", "exec", "proc_start", "proc_exit");
        var seqs = db.Rows("SELECT s.arg0 FROM event e JOIN syscall s ON s.id = e.id UNION ALL SELECT w.fd FROM event e JOIN write w ON w.id = e.id")
            .Select(r => long.Parse(r[0]!, CultureInfo.InvariantCulture)).Order().ToArray();
        long present = seqs.Length;
        Assert.True(present >= flushed, $"{flushed} events were flushed but only {present} are in the file");
        // Whole flushes only, in arrival order: exactly events 0..present-1, each once, with ids 1..present.
        Assert.True(seqs.SequenceEqual(Enumerable.Range(0, (int)present).Select(i => (long)i)), "the file does not hold exactly a prefix of the events, once each");
        Assert.Equal(present, db.Long("SELECT max(id) FROM event"));
        Assert.Equal(present, db.Long("SELECT count(*) FROM event"));
        return present;
    }

    [Fact]
    public void Process_KilledWhileWritingThreeTimes_FileIsSoundEveryFlushedEventPresentAndAppendContinues()
    {
        // Kill, recover, append from where the file ends, kill again: each child opens a file a crash left behind.
        long present = 0;
        for (int round = 0; round < 3; round++)
            present = AssertWholeFlushesOnly(RunAndKill(present));

        using (var log = EventLogger.Open(new EventLoggerOptions { Directory = _dir.Path, Tables = Penguin.PenguinTables.All }))
        {
            for (long k = present; k < present + 1_000; k++)
                log.Add(new Penguin.Syscall { Name = "after", Arg0 = (ulong)k });
        }
        Assert.Equal(present + 1_000, AssertWholeFlushesOnly(present + 1_000));
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal([[$"{present + 1}", $"{present + 1_000}", "1000"]], db.Rows("SELECT min(e.id), max(e.id), count(*) FROM event e JOIN syscall s ON s.id = e.id WHERE s.name = 'after'"));
    }
}
