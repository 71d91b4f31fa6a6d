using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EventDb.Penguin;

namespace EventDb.PowerLossTests;

/// <summary>
/// The readers a file must still serve after a cut: Penguin's SQLAlchemy models, <see cref="EventFile"/>, the
/// <c>eventdb</c> tool, and the next <see cref="EventLogger"/>, which appends with ids that continue.
/// </summary>
internal static class FileReaders
{
    // Debian's interpreter, where apt installs python3-sqlalchemy; a python3 earlier on PATH (pyenv, a venv) may lack it.
    private const string Python = "/usr/bin/python3";

    /// <summary>
    /// Every reader gets the Penguin events of <paramref name="survivors"/>; then one more event is appended. A file the
    /// cut left without tables (or none at all: the writer died before it created one) only opens and appends.
    /// </summary>
    public static void AssertAllRead(string dbPath, SurvivingEvents survivors)
    {
        if (survivors.Tables.Contains("event"))
        {
            long penguin = PenguinEvents(dbPath);
            AssertPenguinModelsRead(dbPath, penguin);
            AssertEventFileReads(dbPath, penguin);
            AssertToolReads(dbPath, penguin);
        }
        else
        {
            Assert.Equal(0, survivors.Total);
        }
        AssertNextOpenAppends(dbPath, survivors.Total);
    }

    private static long PenguinEvents(string dbPath)
    {
        using var db = FaultTests.RawDb.Open(dbPath, readOnly: true);
        return db.Long("SELECT count(*) FROM event");
    }

    public static void AssertPenguinModelsRead(string dbPath, long events)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: apt-get install python3-sqlalchemy (.ci/run does)");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "penguin_read.py"));
        start.ArgumentList.Add(dbPath);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("python3 did not finish within two minutes");
        }
        Assert.True(process.ExitCode == 0, $"Penguin's models could not read the file ({process.ExitCode}): {stderr.Result}");
        using var output = JsonDocument.Parse(stdout.Result);
        Assert.Equal(events, output.RootElement.GetProperty("events").GetInt64());
        Assert.True(events == 0 || output.RootElement.GetProperty("loaded").GetInt64() > 0, "Penguin's models loaded none of the newest events");
    }

    public static void AssertEventFileReads(string dbPath, long events)
    {
        using var file = EventFile.OpenRead(dbPath);
        long syscalls = 0, previous = 0;
        foreach (var (id, syscall) in file.ReadWithIds<Syscall>())
        {
            Assert.True(id > previous, $"EventFile read syscall {id} after {previous}");
            Assert.Equal("power", syscall.Name);
            previous = id;
            syscalls++;
        }
        Assert.Equal(events, syscalls + file.Count<Write>());
    }

    public static void AssertToolReads(string dbPath, long events)
    {
        using var tool = ChildProcess.Start("EventDb.Cli", "query", dbPath, "SELECT count(*) AS n FROM event", "--format", "csv");
        int exit = tool.WaitForExit(TimeSpan.FromMinutes(1));
        string output = tool.RestOfOutput();
        Assert.True(exit == 0, $"eventdb query exited {exit}: {tool.StandardError}");
        Assert.Equal($"n\n{events}", output.Trim().ReplaceLineEndings("\n"));
    }

    /// <summary>A new logger opens the file and appends: its event's id follows the largest id in the file.</summary>
    public static void AssertNextOpenAppends(string dbPath, long largestId)
    {
        using (var log = EventLogger.Open(new EventLoggerOptions { Directory = Path.GetDirectoryName(dbPath)!, FileName = Path.GetFileName(dbPath), Tables = PenguinTables.All }))
            log.Add(new Syscall { Name = "after the cut", Procname = "test" });
        using var db = FaultTests.RawDb.Open(dbPath, readOnly: true);
        Assert.Equal((largestId + 1).ToString(CultureInfo.InvariantCulture), db.Text("SELECT id FROM syscall WHERE name = 'after the cut'"));
    }
}
