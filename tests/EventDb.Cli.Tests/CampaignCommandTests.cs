using EventDb.Penguin;

namespace EventDb.Cli.Tests;

/// <summary><c>eventdb export</c> and <c>eventdb campaign</c> through the tool: the real Parquet writer and DuckDB.</summary>
public sealed class CampaignCommandTests : IDisposable
{
    private readonly TestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteRun(string name, int syscalls, int reads)
    {
        var run = _dir.File(name);
        using var log = EventLogger.Open(new EventLoggerOptions { Directory = run, Tables = PenguinTables.All });
        for (int i = 0; i < syscalls; i++)
            log.Add(new Syscall { Name = i % 2 == 0 ? "sys_read" : "sys_getpid", Procname = name, Arg0 = ulong.MaxValue - (ulong)i });
        for (int i = 0; i < reads; i++)
            log.Add(new Read { Fd = 3, Fname = "/etc/passwd", Procname = name });
        return run;
    }

    [Fact]
    public void Export_ThenCampaign_CountsEachRunAsItsFileHoldsIt_AndAnUnchangedRunIsSkipped()
    {
        var a = WriteRun("run-a", syscalls: 30, reads: 5);
        var b = WriteRun("run-b", syscalls: 12, reads: 0);
        var corpus = _dir.File("corpus");

        var export = CliRun.Of("export", a, b, "--to", corpus);
        Assert.Equal(0, export.Exit);
        Assert.Contains(export.Lines, l => l.StartsWith("exported run-a", StringComparison.Ordinal));
        Assert.Contains(export.Lines, l => l.StartsWith("exported run-b", StringComparison.Ordinal));

        var counts = CliRun.Of("campaign", corpus, "select run, count(*) as n, max(arg0) as top from syscall group by run order by run", "--format", "csv");
        Assert.Equal(0, counts.Exit);
        // CSV rows end in CRLF, as sqlite3 -csv and eventdb query write them.
        Assert.Equal($"run,n,top\r\nrun-a,30,{ulong.MaxValue}\r\nrun-b,12,{ulong.MaxValue}\r\n", counts.Out);

        var again = CliRun.Of("export", a, b, "--to", corpus);
        Assert.Equal(0, again.Exit);
        Assert.All(again.Lines.SkipLast(1), l => Assert.StartsWith("skipped ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Campaign_ThatWouldWrite_IsRefusedOnOneLine()
    {
        var corpus = _dir.File("corpus");
        Assert.Equal(0, CliRun.Of("export", WriteRun("run-a", 3, 0), "--to", corpus).Exit);
        var copy = CliRun.Of("campaign", corpus, $"COPY syscall TO '{_dir.File("out.csv")}'");
        Assert.Equal(1, copy.Exit);
        Assert.Single(copy.Err.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(_dir.File("out.csv")));
    }

    [Fact]
    public void Export_WithoutTo_IsAUsageError()
    {
        var run = CliRun.Of("export", WriteRun("run-a", 1, 0));
        Assert.Equal(2, run.Exit);
        Assert.Contains("--to", run.Err, StringComparison.Ordinal);
    }
}
