using Microsoft.Extensions.Hosting;

namespace EventDb.Hosting;

/// <summary>
/// Ties the singleton <see cref="EventLogger"/> to the host's lifetime. The host resolves it at start, which opens the
/// logger; <see cref="StopAsync"/> flushes; <see cref="StoppedAsync"/> disposes.
/// </summary>
/// <remarks>
/// StopAsync runs in reverse registration order, so a producer in another hosted service may stop (and add its last
/// events) after this flush. StoppedAsync runs after every hosted service's StopAsync, whatever the order, and
/// disposal writes whatever was added until then.
/// </remarks>
internal sealed class EventLoggerLifetime(EventLogger logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Commits what was added so far. Best effort: the verdict is <see cref="StoppedAsync"/>'s, which writes everything
    /// or throws <see cref="EventDbShutdownException"/> with the number of events lost.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await logger.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The shutdown timeout: StoppedAsync gets the same cancelled token and reports what was not written.
        }
        catch (EventDbException)
        {
            // Already reported (OnError, ILogger, LastError); the writer retries, and disposal retries once more.
        }
        catch (ObjectDisposedException)
        {
            // The application disposed the logger itself, and its Dispose reported the outcome.
        }
    }

    public async Task StoppedAsync(CancellationToken cancellationToken) =>
        await logger.DisposeAsync(cancellationToken).ConfigureAwait(false);
}
