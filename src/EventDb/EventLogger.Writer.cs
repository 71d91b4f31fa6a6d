using System.Diagnostics;
using SQLitePCL;

namespace EventDb;

// The writer thread: it alone touches the writer connection and the taken side of the buffers.
public sealed partial class EventLogger
{
    private const int FinalAttempts = 3;
    private static readonly TimeSpan s_busyBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(5);

    private readonly EventWriter _writer;
    private readonly Thread _workerThread;
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly object _roomLock = new();
    private readonly List<FlushRequest> _flushRequests = [];

    private long _committedThroughId;
    private long _written;
    private long _busyRetries;
    private long _failedFlushes;
    private EventDbException? _lastError;
    private EventDbException? _shutdownError;

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
            _shutdownError = new EventDbException($"The EventDb writer stopped unexpectedly; {_sequence.Queued} events were not written.", ex);
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
            var error = TryFlush(stopping);
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
                if (error is not null && failures >= FinalAttempts && !IsBusy(error.SqliteErrorCode))
                {
                    _shutdownError = new EventDbException(
                        $"{_sequence.Queued} events could not be written to '{FilePath}' before the logger closed: {error.Message}", error);
                    return;
                }
                if (error is not null)
                    Thread.Sleep(backoff);
            }
        }
    }

    /// <summary>One flush attempt. Returns the error, or null once the batch is committed.</summary>
    private EventDbException? TryFlush(bool stopping)
    {
        try
        {
            EventBuffer[] buffers;
            if (stopping)
            {
                // Under the lock Register checks the dispose flag in: no type registered after this read can add.
                lock (_registrationLock)
                    buffers = _buffers;
            }
            else
            {
                buffers = Volatile.Read(ref _buffers);
            }
            var (written, throughId) = _writer.Flush(buffers, _sequence);
            if (written > 0)
            {
                _sequence.Retire(written);
                Interlocked.Add(ref _written, written);
                lock (_roomLock)
                    Monitor.PulseAll(_roomLock);
            }
            Volatile.Write(ref _committedThroughId, throughId);
            Volatile.Write(ref _lastError, null);
            CompleteFlushRequests(throughId);
            return null;
        }
        catch (EventDbException ex)
        {
            if (IsBusy(ex.SqliteErrorCode))
            {
                Interlocked.Increment(ref _busyRetries);
                return ex;
            }
            Interlocked.Increment(ref _failedFlushes);
            Volatile.Write(ref _lastError, ex);
            FailFlushRequests(new EventDbException(
                $"Flush failed; {_writer.HeldCount} events are held and will be retried: {ex.Message}", ex));
            ReportError(ex);
            return ex;
        }
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
    /// <exception cref="EventDbException">Some events could not be written; the message says how many and why.</exception>
    public void Dispose()
    {
        bool first = BeginDispose();
        _workerThread.Join();
        EndDispose(first);
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        bool first = BeginDispose();
        await _writerStopped.Task.ConfigureAwait(false);
        EndDispose(first);
    }

    private bool BeginDispose()
    {
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
        if (_shutdownError is { } error)
            throw error;
    }
}
