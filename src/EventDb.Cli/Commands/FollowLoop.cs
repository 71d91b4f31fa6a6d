using EventDb.Cli.Output;

namespace EventDb.Cli.Commands;

/// <summary>
/// Drives a follow: each item as it comes; <c>pause</c> whenever the source is about to wait for a writer (so output is
/// flushed exactly when there is nothing more to print for now), and when the follow ends, whatever ends it. Ends
/// quietly when <c>stop</c> is cancelled, and when the output's reader has gone while the source waited (it is asked
/// every <see cref="ReaderCheck"/>), which <see cref="OutputClosedException"/> reports.
/// </summary>
internal static class FollowLoop
{
    public static readonly TimeSpan ReaderCheck = TimeSpan.FromMilliseconds(100);

    public static void Run<T>(IAsyncEnumerable<T> source, Action<T> item, Action pause, OutputSink output, CancellationToken stop)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(stop);
        bool readerGone = false;
        using var watch = new Timer(_ =>
        {
            if (!readerGone && output.ReaderGone())
            {
                readerGone = true;
                ending.Cancel();
            }
        }, null, ReaderCheck, ReaderCheck);
        try
        {
            RunAsync(source, item, pause, ending.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutputClosedException)
        {
            pause(); // the lines before a failure (a file replaced while followed) are printed before its message
            throw;
        }
        if (readerGone)
            throw OutputClosedException.ReaderClosed();
        pause();
    }

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
        finally
        {
            await rows.DisposeAsync().ConfigureAwait(false);
        }
    }
}
