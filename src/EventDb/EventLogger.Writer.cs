using System.Diagnostics;

namespace EventDb;

// The writer thread: it alone touches the writer connection and the taken side of the buffers. It runs no user code
// (reports go through the dispatcher) and survives every failure of a flush: the batch stays in memory and is retried.
// Only an error it cannot place (one after a COMMIT, or outside any flush: a bug) stops it, and then every caller is
// told at once and Dispose reports the exact loss.
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
    private EventDbException? _writerFailure;
    private EventDbShutdownException? _shutdownError;
    private volatile bool _abandonShutdown;

    private sealed class FlushRequest(long targetId)
    {
        public long TargetId { get; } = targetId;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private void WakeWriter() => _wake.Set();

    /// <summary>Waits while the queue is full (or, frozen for shutdown, while it stays frozen); woken by every commit.</summary>
    private void WaitForRoom(bool frozen)
    {
        lock (_roomLock)
        {
            while (frozen ? _sequence.IsFrozen : _sequence.Queued >= _sequence.MaxQueued && !_sequence.IsDisposing)
                Monitor.Wait(_roomLock, 100);
        }
    }

    private void WakeProducers()
    {
        lock (_roomLock)
            Monitor.PulseAll(_roomLock);
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
#pragma warning disable CA1031 // Whatever it is, it must reach the callers rather than end the thread silently.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(ex);
        }
        finally
        {
            _writer.Close(seal: _options.SealOnClose && _writerFailure is null && _shutdownError is null);
            var stopped = _writerFailure ?? (Exception?)_shutdownError ?? new ObjectDisposedException(nameof(EventLogger));
            FailFlushRequests(stopped);
            FailTableRequests(stopped);
            _writerStopped.TrySetResult();
        }
    }

    private void WriteUntilDisposed()
    {
        long interval = (long)(_options.FlushInterval.TotalSeconds * Stopwatch.Frequency);
        long nextAttempt = Stopwatch.GetTimestamp() + interval; // the interval, or the back-off after a failure
        int failures = 0;
        TimeSpan backoff = TimeSpan.Zero;
        while (true)
        {
            bool stopping = _sequence.IsDisposing;
            if (!stopping)
            {
                if (!FlushIsUrgent(failures) && !HasTableRequests)
                {
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextAttempt);
                    if (wait > TimeSpan.Zero)
                        _wake.Wait(wait);
                }
                Volatile.Write(ref _wakeRequested, false);
                _wake.Reset();
                stopping = _sequence.IsDisposing;
            }

            CreateRequestedTables();
            if (!stopping && !FlushIsUrgent(failures) && Stopwatch.GetTimestamp() < nextAttempt)
                continue; // woken for a table only

            nextAttempt = Stopwatch.GetTimestamp() + interval;
            var error = TryFlush();
            if (error is null)
            {
                failures = 0;
            }
            else
            {
                failures++;
                backoff = _writer.Store.IsBusy(error)
                    ? s_busyBackoff
                    : TimeSpan.FromTicks(Math.Min(s_maxBackoff.Ticks, TimeSpan.FromMilliseconds(100).Ticks << Math.Min(failures - 1, 10)));
                nextAttempt = Stopwatch.GetTimestamp() + (long)(backoff.TotalSeconds * Stopwatch.Frequency);
            }

            if (stopping && ShouldStop(error, failures, backoff))
                return;
        }
    }

    /// <summary>A caller waits in Flush, or (unless failing, when the back-off rules) a full buffer's worth waits.</summary>
    private bool FlushIsUrgent(int failures) => HasFlushRequests || (failures == 0 && _sequence.Queued >= _bufferSize);

    /// <summary>After a pass that began once disposal had started: whether the writer is done, waiting out the back-off if not.</summary>
    private bool ShouldStop(EventDbException? error, int failures, TimeSpan backoff)
    {
        // A pass that began after the dispose flag took every event: later appends see the flag and back out.
        if (error is null && _sequence.Queued == 0)
            return true;
        if (_abandonShutdown || (error is not null && failures >= FinalAttempts && !_writer.Store.IsBusy(error)))
        {
            long unwritten = _sequence.Queued;
            var reason = _abandonShutdown ? "disposal was cancelled" : error!.Message;
            _shutdownError = new EventDbShutdownException(unwritten, $"{unwritten} events could not be written to '{FilePath}' before the logger closed: {reason}", error);
            return true;
        }
        if (error is not null)
        {
            _wake.Reset();
            if (!_abandonShutdown)
                _wake.Wait(backoff); // woken early when disposal is cancelled
        }
        return false;
    }

    /// <summary>One flush attempt. Returns the error, or null once the batch is committed.</summary>
    private EventDbException? TryFlush()
    {
        long started = Stopwatch.GetTimestamp();
        (int Written, int Rejected, long ThroughId) result;
        try
        {
            result = _writer.Flush(_sequence, _readBuffers);
        }
        catch (Exception ex) when (ex is not WriterStateException)
        {
            // Rolled back like any failed flush: the batch is held and retried. Telling the outside needs memory
            // too, and memory that cannot be had for it must not stop the writer.
            EventDbException error;
            try
            {
                ReportRejections();
                error = ex as EventDbException ?? new EventDbException($"The flush failed unexpectedly: {ex.Message}", ex);
            }
            catch (OutOfMemoryException)
            {
                error = s_outOfMemory;
            }
            return FlushFailed(error);
        }
        Committed(result.Written, result.Rejected, result.ThroughId, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return null;
    }

    // Made up front: when a flush fails for memory, making its error might fail too.
    private static readonly EventDbException s_outOfMemory = new("The flush failed: out of memory; its events are held and retried.");

    private void Committed(int written, int rejected, long throughId, double seconds)
    {
        // The batch is in the file: it is accounted for first, by code that allocates nothing, so that no failure of
        // what follows (reports, housekeeping) can lose track of it or stop the writer.
        Account(written, rejected);
        Volatile.Write(ref _lastError, null);
        try
        {
            ReportRejections();
            ReportFlushed(written, seconds, _writer.Committed);
            DropBuffersOfExitedThreads();
        }
        catch (OutOfMemoryException)
        {
            // What was not reported now is reported after the next flush (rejections), or not at all (a measurement).
        }
        Volatile.Write(ref _committedThroughId, throughId);
        CompleteFlushRequests(throughId);
    }

    private void Account(int written, int rejected)
    {
        if (written + rejected == 0)
            return;
        _sequence.Retire(written + rejected);
        Interlocked.Add(ref _written, written);
        Interlocked.Add(ref _rejected, rejected);
        WakeProducers();
    }

    /// <summary>Counts and reports a failed flush; the reports are best effort (they need memory, which may be what failed).</summary>
    private EventDbException FlushFailed(EventDbException error)
    {
        bool busy = _writer.Store.IsBusy(error);
        long attempt = busy ? Interlocked.Increment(ref _busyRetries) : Interlocked.Increment(ref _failedFlushes);
        if (!busy)
            Volatile.Write(ref _lastError, error);
        try
        {
            if (busy)
            {
                ReportBusy(error, _writer.HeldCount, attempt);
                return error;
            }
            FailFlushRequests(new EventDbException($"Flush failed; {_writer.HeldCount} events are held and will be retried: {error.Message}", error));
            ReportFailure(error, _writer.HeldCount);
        }
        catch (OutOfMemoryException)
        {
            // Callers waiting in Flush go on waiting for the retry; the failure is counted and in LastError.
        }
        return error;
    }

    /// <summary>
    /// Events the writer skipped because SQLite cannot store one of their values: each is reported once. Should a
    /// report's memory not be had, the ones not yet reported wait for the next call.
    /// </summary>
    private void ReportRejections()
    {
        var rejections = _writer.Rejections;
        int reported = 0;
        try
        {
            for (; reported < rejections.Count; reported++)
                ReportRejection(rejections[reported]);
        }
        finally
        {
            rejections.RemoveRange(0, reported);
        }
    }

    /// <summary>Makes the writer fail after its next COMMIT (for tests: nothing in the writer does that on its own).</summary>
    internal void InjectWriterFaultAfterCommit(Exception fault) => _writer.AfterCommit = () => throw fault;

    /// <summary>
    /// The writer cannot go on: no more ids are handed out, every waiting and later Add and Flush fails at once with
    /// the reason, and Dispose reports the exact number of events not written.
    /// </summary>
    private void Fail(Exception cause)
    {
        var reason = cause;
        if (cause is WriterStateException { InnerException: { } inner } committed)
        {
            reason = inner;
            Account(committed.Written, committed.Rejected);
        }
        ShareIds();
        _sequence.BeginDispose();
        long unwritten = _sequence.Queued;
        var failure = new EventDbException(
            $"The EventDb writer of '{FilePath}' stopped after an unexpected error and cannot go on; {unwritten} events are not written, and Add and Flush now fail: {reason.Message}",
            reason);
        Volatile.Write(ref _writerFailure, failure);
        _shutdownError = new EventDbShutdownException(unwritten, failure.Message, failure);
        WakeProducers();
        ReportWriterFailed(failure);
    }

    /// <summary>Completes the requests the commit covers (no lambda: after a commit nothing may fail to allocate).</summary>
    private void CompleteFlushRequests(long throughId)
    {
        lock (_flushRequests)
        {
            for (int i = _flushRequests.Count - 1; i >= 0; i--)
            {
                if (_flushRequests[i].TargetId > throughId)
                    continue;
                _flushRequests[i].Completion.TrySetResult();
                _flushRequests.RemoveAt(i);
            }
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
}
