namespace EventDb.Cli.Commands;

/// <summary>
/// Drives a follow: each item as it comes; <c>pause</c> whenever the source is about to wait for a writer (so output is
/// flushed exactly when there is nothing more to print for now); ends quietly when <c>stop</c> is cancelled.
/// </summary>
internal static class FollowLoop
{
    public static void Run<T>(IAsyncEnumerable<T> source, Action<T> item, Action pause, CancellationToken stop) =>
        RunAsync(source, item, pause, stop).GetAwaiter().GetResult();

    private static async Task RunAsync<T>(IAsyncEnumerable<T> source, Action<T> item, Action pause, CancellationToken stop)
    {
        var rows = source.GetAsyncEnumerator(stop);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var next = rows.MoveNextAsync();
                if (!next.IsCompleted)
                    pause();
                if (!await next.ConfigureAwait(false))
                    break;
                item(rows.Current);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            await rows.DisposeAsync().ConfigureAwait(false);
        }
        pause();
    }
}
