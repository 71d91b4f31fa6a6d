namespace EventDb;

// Closing: Dispose and DisposeAsync (idempotent, safe from any thread, a report callback included), and the
// process-exit commit, which ExitCommitter asks of every open logger through IExitCommit.
public sealed partial class EventLogger : IExitCommit
{
    private const int Running = 0, Closing = 1, Closed = 2;

    private int _lifetime;
    private readonly ManualResetEventSlim _closed = new(false);

    /// <summary>
    /// Writes every queued event, stops the writer and closes the file. Producers blocked for room are released with
    /// <see cref="ObjectDisposedException"/>. Calling it again, or from several threads, is safe: every call returns once
    /// the logger is closed, and only the first reports a loss.
    /// </summary>
    /// <remarks>
    /// A lock held by another connection is waited out. A file that keeps failing (disk full, I/O error, a file that
    /// was moved or deleted) gets a few more attempts over about three seconds; then the events still queued are
    /// reported, never dropped silently. Called from <see cref="EventLoggerOptions.OnError"/>, it closes the logger and
    /// returns; reports still queued are delivered after the callback returns.
    /// </remarks>
    /// <exception cref="EventDbShutdownException">Some events could not be written; <see cref="EventDbShutdownException.UnwrittenEvents"/> says how many and the inner exception why.</exception>
    public void Dispose()
    {
        if (!BeginDispose())
        {
            _closed.Wait();
            return;
        }
        _loop.Join();
        EndDispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync() => DisposeAsync(CancellationToken.None);

    /// <summary>
    /// Writes every queued event, stops the writer and closes the file, like <see cref="Dispose"/>. When
    /// <paramref name="cancellationToken"/> fires first, the writer stops after its current attempt and the call throws
    /// <see cref="EventDbShutdownException"/> with the exact number of events that were not written.
    /// </summary>
    /// <exception cref="EventDbShutdownException">Some events were not written; <see cref="EventDbShutdownException.UnwrittenEvents"/> says how many.</exception>
    public async ValueTask DisposeAsync(CancellationToken cancellationToken)
    {
        if (!BeginDispose())
        {
            // Another call is closing the logger; cancelling this wait leaves that call to finish.
            await Task.Run(() => _closed.Wait(cancellationToken), CancellationToken.None).ConfigureAwait(false);
            return;
        }
        using (cancellationToken.Register(_loop.AbandonShutdown))
            await _loop.Stopped.ConfigureAwait(false);
        EndDispose();
    }

    /// <summary>Stops handing out ids and wakes the writer for its last pass; false when another call got there first.</summary>
    private bool BeginDispose()
    {
        if (Interlocked.CompareExchange(ref _lifetime, Closing, Running) != Running)
            return false;
        _producers.ShareIds(); // the dispose flag is set with an atomic OR, which the owner's plain stores must not overwrite
        _sequence.BeginDispose();
        CloseReader(); // before the writer's last pass: an open reader would keep the file from being sealed
        _loop.Wake();
        _producers.WakeProducers();
        return true;
    }

    private void CloseReader()
    {
        lock (_readLock)
        {
            _readBack?.Dispose();
            _readBack = null;
        }
    }

    private void EndDispose()
    {
        try
        {
            ExitCommitter.Forget(this);
            _reports.Close(_options.ShutdownTimeout);
        }
        finally
        {
            Volatile.Write(ref _lifetime, Closed);
            _closed.Set();
        }
        if (_loop.ShutdownError is { } error)
            throw error;
    }

    /// <summary>
    /// Holds every later Add back (they wait, accepted by no one) so what is accepted is final, then commits it, within
    /// <paramref name="timeout"/>. Returns how many accepted events are still not written.
    /// </summary>
    long IExitCommit.FreezeAndCommit(TimeSpan timeout)
    {
        _producers.ShareIds();
        _sequence.Freeze();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (Volatile.Read(ref _lifetime) != Running)
                return 0; // being disposed: that call writes and reports
            if (remaining <= TimeSpan.Zero)
                return _sequence.Queued;
            try
            {
                if (FlushAsync().Wait(remaining))
                    return 0;
            }
            catch (Exception ex) when (ex is ObjectDisposedException || (ex is EventDbException && _loop.Failure is not null))
            {
                return _sequence.Queued; // closed meanwhile, or the writer cannot go on
            }
            catch (AggregateException)
            {
                // A failed flush: the writer retries it; keep waiting while time remains.
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(100, remaining.TotalMilliseconds)));
            }
        }
    }

    /// <summary>Lets Adds held back by <see cref="IExitCommit.FreezeAndCommit"/> go on (the application handles the signal itself).</summary>
    void IExitCommit.Thaw()
    {
        _sequence.Thaw();
        _producers.WakeProducers();
    }

    /// <summary>At process exit: freezes for good (Adds still running never return), commits and closes within the timeout.</summary>
    long IExitCommit.CloseForExit(TimeSpan timeout)
    {
        _producers.ShareIds();
        _sequence.Freeze();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            DisposeAsync(cancel.Token).AsTask().GetAwaiter().GetResult();
            return 0;
        }
        catch (EventDbShutdownException ex)
        {
            return ex.UnwrittenEvents;
        }
    }

    TimeSpan IExitCommit.ShutdownTimeout => _options.ShutdownTimeout;

    void IExitCommit.ReportExitLoss(long unwritten, string reason) => _reports.ExitLoss(unwritten, reason, _options.ShutdownTimeout);
}
