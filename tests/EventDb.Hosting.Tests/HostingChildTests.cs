using Xunit.Abstractions;

namespace EventDb.Hosting.Tests;

/// <summary>A real Generic Host in its own process, stopped with SIGTERM: every event it accepted is in the file.</summary>
public sealed class HostingChildTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("before")] // the producer stops after the logger's StopAsync flush: StoppedAsync writes its last events
    [InlineData("after")] // the producer stops before the flush
    public void Sigterm_ProducerRegisteredBeforeOrAfterAddEventDb_EveryAcceptedEventIsInTheFile(string order)
    {
        var run = HostingChild.RunUntilSigterm(_dir.Path, order);
        output.WriteLine($"exit {run.ExitCode}, added {run.Added}, written {run.Written}; stderr:\n{run.Errors}");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stdout: {run.Output} stderr: {run.Errors}");
        Assert.True(run.Added > 0, $"the child reported no added events; stdout: {run.Output}");
        Assert.Equal(run.Added, run.Written);
        using var db = new SqliteFile(_dir.DbPath);
        Assert.Equal("ok", db.Text("PRAGMA integrity_check"));
        Assert.Equal(run.Added, db.Long("SELECT count(*) FROM event"));
        Assert.Equal(run.Added, db.Long(
            "SELECT (SELECT count(*) FROM syscall) + (SELECT count(*) FROM read) + (SELECT count(*) FROM write)"
            + " + (SELECT count(*) FROM exec) + (SELECT count(*) FROM proc_start) + (SELECT count(*) FROM proc_exit)"));
    }
}
