using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace EventDb.FaultTests;

/// <summary>A writer process killed with SIGKILL mid-stream leaves a sound file holding whole flushes only.</summary>
public sealed class CrashTests : IDisposable
{
    private readonly FaultDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>EventDb.CrashChild.dll, as its own build reported it (baked in by this project's csproj).</summary>
    private static string ChildPath()
    {
        var path = typeof(CrashTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "EventDb.CrashChild").Value;
        Assert.True(File.Exists(path), $"the crash child is not built at '{path}'");
        return path!;
    }

    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
            return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    /// <summary>Runs the child from event <paramref name="from"/>, kills it mid-stream, and returns the highest count it reported flushed.</summary>
    private long RunAndKill(long from)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ChildPath());
        start.ArgumentList.Add(_dir.Path);
        start.ArgumentList.Add(from.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(start)!;
        // A child that hangs (or never starts writing) must fail the test, not hang the run.
        using var watchdog = new Timer(_ => child.Kill(), null, TimeSpan.FromSeconds(90), Timeout.InfiniteTimeSpan);
        long flushed = from;
        int reports = 0;
        try
        {
            // Let it report a few flushes, then kill it at an arbitrary point of the next stretch of writing.
            while (reports < 3 && child.StandardOutput.ReadLine() is { } line)
            {
                Assert.StartsWith("FLUSHED ", line, StringComparison.Ordinal);
                flushed = long.Parse(line["FLUSHED ".Length..], CultureInfo.InvariantCulture);
                reports++;
            }
            Thread.Sleep(Random.Shared.Next(20, 200));
        }
        finally
        {
            child.Kill(); // SIGKILL: no finalizers, no Dispose, no flush
        }
        // Anything it printed before it died was flushed before it was printed.
        while (child.StandardOutput.ReadLine() is { } line)
            flushed = Math.Max(flushed, long.Parse(line["FLUSHED ".Length..], CultureInfo.InvariantCulture));
        child.WaitForExit();
        Assert.True(reports == 3, $"the child reported {reports} flushes before it ended; stderr: {child.StandardError.ReadToEnd()}");
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
