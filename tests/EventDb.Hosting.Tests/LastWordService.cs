using EventDb.Penguin;
using Microsoft.Extensions.Hosting;

namespace EventDb.Hosting.Tests;

/// <summary>A hosted service that adds one event as it stops, as a producer does with its last events.</summary>
internal sealed class LastWordService(EventLogger logger, string name) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        logger.Add(new Syscall { Name = name });
        return Task.CompletedTask;
    }
}
