using EventDb.Penguin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventDb.Hosting.Tests;

/// <summary>AddEventDb in a real in-process Generic Host: when the logger opens, closes, and what it writes.</summary>
public sealed class HostedLoggerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private long SyscallRows()
    {
        using var db = new SqliteFile(_dir.DbPath);
        return db.Long("SELECT count(*) FROM syscall");
    }

    [Fact]
    public async Task StopAsync_AfterAdds_EveryEventIsInTheFileAndTheLoggerIsDisposed()
    {
        using var host = TestHost.Build(_dir.Path, s => s.AddEventDb(_dir.Options()));
        Assert.False(File.Exists(_dir.DbPath), "the logger opened before the host started");
        await host.StartAsync();
        Assert.True(File.Exists(_dir.DbPath), "the logger did not open when the host started");

        var log = host.Services.GetRequiredService<EventLogger>();
        for (int i = 0; i < 5_000; i++)
            log.Add(new Syscall { Name = "sys_read", Arg0 = (ulong)i });
        await host.StopAsync();

        Assert.Throws<ObjectDisposedException>(() => log.Add(new Syscall { Name = "late" }));
        Assert.Equal(5_000, log.WrittenEvents);
        Assert.Equal(5_000, SyscallRows());
    }

    [Theory]
    [InlineData(true)] // registered first, so it stops after the logger's StopAsync flush
    [InlineData(false)]
    public async Task StopAsync_ProducerRegisteredBeforeOrAfter_ItsLastEventIsWritten(bool producerFirst)
    {
        using var host = TestHost.Build(_dir.Path, s =>
        {
            if (producerFirst)
                s.AddHostedService(p => new LastWordService(p.GetRequiredService<EventLogger>(), "last"));
            s.AddEventDb(_ => _dir.Options());
            if (!producerFirst)
                s.AddHostedService(p => new LastWordService(p.GetRequiredService<EventLogger>(), "last"));
        });
        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(1, SyscallRows());
    }

    [Fact]
    public async Task StartAsync_DirectoryCannotBeCreated_FailsWithTheEventDbException()
    {
        string blocker = Path.Combine(_dir.Path, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file where the database directory should be");
        using var host = TestHost.Build(_dir.Path, s => s.AddEventDb(_dir.Options() with { Directory = Path.Combine(blocker, "db") }));

        var error = await Assert.ThrowsAsync<EventDbException>(() => host.StartAsync());
        Assert.Contains("not-a-directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddEventDb_CalledTwice_ThrowsInvalidOperationException()
    {
        var services = new ServiceCollection().AddEventDb(_dir.Options());

        var error = Assert.Throws<InvalidOperationException>(() => services.AddEventDb(_dir.Options()));
        Assert.Contains("AddEventDb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_NeverStarted_OpensNoFile()
    {
        using (TestHost.Build(_dir.Path, s => s.AddEventDb(_dir.Options())))
        {
        }

        Assert.False(File.Exists(_dir.DbPath));
    }

    [Fact]
    public void Host_NeverStartedButLoggerResolved_ContainerDisposalWritesEverything()
    {
        EventLogger log;
        using (var host = TestHost.Build(_dir.Path, s => s.AddEventDb(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1) })))
        {
            log = host.Services.GetRequiredService<EventLogger>();
            for (int i = 0; i < 100; i++)
                log.Add(new Syscall { Name = "sys_write" });
        }

        Assert.Throws<ObjectDisposedException>(() => log.Add(new Syscall { Name = "late" }));
        Assert.Equal(100, SyscallRows());
    }

    [Fact]
    public async Task AddEventDb_OptionsWithoutLogger_LogsThroughTheContainersFactoryUnderEventDb()
    {
        var captured = new CapturingLoggerProvider();
        using var host = TestHost.Build(_dir.Path, s =>
        {
            s.AddLogging(b => b.AddProvider(captured).SetMinimumLevel(LogLevel.Debug));
            s.AddEventDb(_dir.Options());
        });
        await host.StartAsync();
        host.Services.GetRequiredService<EventLogger>().Add(new Syscall { Name = "sys_open" });
        await host.StopAsync();

        Assert.Contains(captured.Messages, m => m.Category == "EventDb" && m.Message.StartsWith("Flushed 1 events", StringComparison.Ordinal));
    }
}
