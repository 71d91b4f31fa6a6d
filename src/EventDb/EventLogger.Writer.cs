using System.Diagnostics;
using SQLitePCL;

namespace EventDb;

// The writer thread: it alone touches the writer connection and the taken side of the buffers.
public sealed partial class EventLogger
{
    // At shutdown a failing file gets this many more attempts (about 3 s of back-off) before Dispose reports the loss.
    private const int FinalAttempts = 5;
    private static readonly TimeSpan s_busyBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(5);

    private readonly EventWriter _writer;
    private readonly Func<EventBuffer[]> _readBuffers;
    private readonly Thread _workerThread;
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly object _roomLock = new();
    private readonly List<FlushRequest> _flushRequests = [];

    private long _committedThroughId;
    private long _written;
    private long _busyRetries;
    private long _failedFlushes;
    private long _rejected;
    private EventDbException? _lastError;
    private EventDbException? _shutdownError;
    private volatile bool _abandonShutdown;

    private sealed class FlushRequest(long targetId)
    {
        public long TargetId { get; } = targetId;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private void WakeWriter() => _wake.Set();

    private void WaitForRoom()
    {
        lock (_roomLock)
        {
            while (_sequence.Queued >= _sequence.MaxQueued && !_sequence.IsDisposing)
                Monitor.Wait(_roomLock, 100);
        }
    }

    private bool HasFlushRequests
    {
        get
        {
            lock (_flushRequests)
                return _flushRequests.Count > 0;
        }
    }

    private void RunWriter()
    {
        try
        {
            WriteUntilDisposed();
        }
        catch (Exception ex)
        {
            // Not an SQLite failure (those are retried): a bug. Keep it for Dispose rather than lose it with the thread.
            _shutdownError = new EventDbShutdownException(_sequence.Queued, $"The EventDb writer stopped unexpectedly; {_sequence.Queued} events were not written.", ex);
        }
        finally
        {
            _writer.Dispose();
            FailFlushRequests(_shutdownError ?? (Exception)new ObjectDisposedException(nameof(EventLogger)));
            _writerStopped.TrySetResult();
        }
    }

    private void WriteUntilDisposed()
    {
        long interval = (long)(_options.FlushInterval.TotalSeconds * Stopwatch.Frequency);
        long due = Stopwatch.GetTimestamp() + interval;
        int failures = 0;
        TimeSpan backoff = TimeSpan.Zero;
        while (true)
        {
            bool stopping = _sequence.IsDisposing;
            if (!stopping)
            {
                bool urgent = HasFlushRequests || (failures == 0 && _sequence.Queued >= _bufferSize);
                if (!urgent)
                {
                    var wait = failures > 0 ? backoff : Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                        _wake.Wait(wait);
                }
                Volatile.Write(ref _wakeRequested, false);
                _wake.Reset();
                stopping = _sequence.IsDisposing;
            }

            due = Stopwatch.GetTimestamp() + interval;
            var error = TryFlush();
            if (error is null)
            {
                failures = 0;
            }
            else
            {
                failures++;
                backoff = IsBusy(error.SqliteErrorCode)
                    ? s_busyBackoff
                    : TimeSpan.FromTicks(Math.Min(s_maxBackoff.Ticks, TimeSpan.FromMilliseconds(100).Ticks << Math.Min(failures - 1, 10)));
            }

            if (stopping)
            {
                // A pass that began after the dispose flag took every event: later appends see the flag and back out.
                if (error is null && _sequence.Queued == 0)
                    return;
                if (_abandonShutdown || (error is not null && failures >= FinalAttempts && !IsBusy(error.SqliteErrorCode)))
                {
                    long unwritten = _sequence.Queued;
                    var reason = _abandonShutdown ? "disposal was cancelled" : error!.Message;
                    _shutdownError = new EventDbShutdownException(unwritten, $"{unwritten} events could not be written to '{FilePath}' before the logger closed: {reason}", error);
                    return;
                }
                if (error is not null)
                {
                    _wake.Reset();
                    if (!_abandonShutdown)
                        _wake.Wait(backoff); // woken early when disposal is cancelled
                }
            }
        }
    }

    /// <summary>One flush attempt. Returns the error, or null once the batch is committed.</summary>
    private EventDbException? TryFlush()
    {
        try
        {
            long started = Stopwatch.GetTimestamp();
            var (written, rejected, throughId) = _writer.Flush(_sequence, _readBuffers);
            RecordFlush(written, Stopwatch.GetElapsedTime(started).TotalSeconds, _writer.Committed);
            ReportRejections();
            if (written + rejected > 0)
            {
                _sequence.Retire(written + rejected);
                Interlocked.Add(ref _written, written);
                Interlocked.Add(ref _rejected, rejected);
                lock (_roomLock)
                    Monitor.PulseAll(_roomLock);
            }
            Volatile.Write(ref _committedThroughId, throughId);
            Volatile.Write(ref _lastError, null);
            DropBuffersOfExitedThreads();
            CompleteFlushRequests(throughId);
            return null;
        }
        catch (EventDbException ex)
        {
            ReportRejections();
            if (IsBusy(ex.SqliteErrorCode))
            {
                RecordBusy(ex, (int)Interlocked.Increment(ref _busyRetries));
                return ex;
            }
            Interlocked.Increment(ref _failedFlushes);
            RecordFailure(ex);
            Volatile.Write(ref _lastError, ex);
            FailFlushRequests(new EventDbException(
                $"Flush failed; {_writer.HeldCount} events are held and will be retried: {ex.Message}", ex));
            ReportError(ex);
            return ex;
        }
    }

    /// <summary>Events the writer skipped because SQLite cannot store one of their values: each goes to OnError.</summary>
    private void ReportRejections()
    {
        foreach (var rejection in _writer.Rejections)
        {
            RecordRejection(rejection);
            ReportError(rejection);
        }
        _writer.Rejections.Clear();
    }

    private void ReportError(EventDbException error)
    {
        try
        {
            _options.OnError?.Invoke(error);
        }
#pragma warning disable CA1031 // A throwing callback must not stop the writer; the error is also in LastError.
        catch
#pragma warning restore CA1031
        {
        }
    }

    private static bool IsBusy(int sqliteErrorCode) => (sqliteErrorCode & 0xFF) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED;

    private void CompleteFlushRequests(long throughId)
    {
        lock (_flushRequests)
        {
            _flushRequests.RemoveAll(request =>
            {
                if (request.TargetId > throughId)
                    return false;
                request.Completion.TrySetResult();
                return true;
            });
        }
    }

    private void FailFlushRequests(Exception error)
    {
        lock (_flushRequests)
        {
            foreach (var request in _flushRequests)
                request.Completion.TrySetException(error);
            _flushRequests.Clear();
        }
    }

    /// <summary>
    /// Writes every queued event, stops the writer and closes the file. Producers blocked for room are released with
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <remarks>
    /// A lock held by another connection is waited out. A file that keeps failing (disk full, I/O error) gets a few
    /// more attempts over about three seconds; then the events still queued are reported, never dropped silently.
    /// </remarks>
    /// <exception cref="EventDbShutdownException">Some events could not be written; <see cref="EventDbShutdownException.UnwrittenEvents"/> says how many and the inner exception why.</exception>
    public void Dispose()
    {
        bool first = BeginDispose();
        _workerThread.Join();
        EndDispose(first);
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
        bool first = BeginDispose();
        using (cancellationToken.Register(AbandonShutdown))
            await _writerStopped.Task.ConfigureAwait(false);
        EndDispose(first);
    }

    private void AbandonShutdown()
    {
        _abandonShutdown = true;
        _wake.Set();
    }

    private bool BeginDispose()
    {
        ShareIds(); // the dispose flag is set with an atomic OR, which the owner's plain stores must not overwrite
        if (!_sequence.BeginDispose())
            return false;
        _wake.Set();
        lock (_roomLock)
            Monitor.PulseAll(_roomLock);
        return true;
    }

    private void EndDispose(bool first)
    {
        if (!first)
            return;
        lock (_readLock)
        {
            _reader?.Dispose();
            _reader = null;
        }
        _meter?.Dispose();
        if (_shutdownError is { } error)
            throw error;
    }
}
