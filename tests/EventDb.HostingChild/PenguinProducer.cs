using EventDb.Penguin;
using Microsoft.Extensions.Hosting;

namespace EventDb.HostingChild;

/// <summary>Adds Penguin trace events as fast as it can until the host stops it; prints "ready" after the first ones.</summary>
internal sealed class PenguinProducer(EventLogger logger) : BackgroundService
{
    private const int ReadyAfter = 20_000;

    public EventLogger Logger => logger;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Adding never awaits: leave the host's start path before the loop takes this thread.
        await Task.Yield();
        var trace = new PenguinTrace(poolSize: 4096);
        for (long i = 0; !stoppingToken.IsCancellationRequested; i++)
        {
            trace.AddTo(logger, i);
            if (i + 1 == ReadyAfter)
                Console.Out.WriteLine("ready");
        }
    }
}
