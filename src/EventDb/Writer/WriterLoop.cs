using System.Diagnostics;

namespace EventDb;

/// <summary>
/// The writer thread of one logger and the policy it follows: it flushes every <see cref="EventLoggerOptions.FlushInterval"/>,
/// when <see cref="EventLoggerOptions.BufferSize"/> events wait, on a Flush request and at disposal; retries a failed
/// flush with back-off; counts and reports each outcome; and creates the tables producers ask for between flushes.
/// </summary>
/// <remarks>
/// It alone touches the store and the taken side of the buffers. It runs no user code (reports go through
/// <see cref="LoggerReports"/>) and survives every failure of a flush: the batch stays in memory and is retried. Only an
/// error it cannot place (one after a COMMIT, or outside any flush: a bug) stops it, and then every caller is told at
/// once and Dispose reports the exact loss. It knows the buffers and the store below it, never the logger above it.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The thread closes the writer when it ends; the wake event outlives it, since a late Add may still set it.")]
internal sealed partial class WriterLoop
{
    // At shutdown a failing file gets this many more attempts (about 3 s of back-off) before Dispose reports the loss.
    private const int FinalAttempts = 5;
    private static readonly TimeSpan s_busyBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(5);

    // Made up front: when a flush fails for memory, making its error might fail too.
    private static readonly EventDbException s_outOfMemory = new("The flush failed: out of memory; its events are held and retried.");

    private readonly EventLoggerOptions _options;
    private readonly string _filePath;
    private readonly EventSequence _sequence;
    private readonly ProducerRegistry _producers;
    private readonly LoggerReports _reports;
    private readonly EventWriter _writer;
    private readonly Func<EventBuffer[]> _readBuffers;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _wake = new(false);

    private long _committedThroughId;
    private EventDbException? _failure;
    private EventDbShutdownException? _shutdownError;
    private volatile bool _abandonShutdown;
    private bool _sealBegun;

    public WriterLoop(EventLoggerOptions options, string filePath, IEventStore store, EventSequence sequence, ProducerRegistry producers, LoggerReports reports)
    {
        _options = options;
        _filePath = filePath;
        _sequence = sequence;
        _producers = producers;
        _reports = reports;
        _committedThroughId = sequence.LastId;
        _writer = new EventWriter(store);
        _readBuffers = () => producers.Buffers;
        foreach (var table in options.Tables)
            MarkEnsured(table);
        _thread = new Thread(Run) { IsBackground = true, Name = "EventDb writer" };
    }

    /// <summary>Starts the thread; from here on it owns the store, and closes it when it ends.</summary>
    public void Start() => Descriptors.Start(_thread);

    /// <summary>The error that stopped the writer for good, or null.</summary>
    public EventDbException? Failure => Volatile.Read(ref _failure);

    /// <summary>Set once the writer has stopped with events not written: what Dispose throws.</summary>
    public EventDbShutdownException? ShutdownError => _shutdownError;

    /// <summary>Completes when the thread has ended and closed the store.</summary>
    public Task Stopped => _stopped.Task;

    public void Join() => _thread.Join();

    public void Wake() => _wake.Set();

    /// <summary>Disposal was cancelled: stop after the current attempt and report what is left.</summary>
    public void AbandonShutdown()
    {
        _abandonShutdown = true;
        _wake.Set();
    }

    private void Run()
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
            _writer.Close(seal: _options.SealOnClose && _failure is null && _shutdownError is null);
            var stopped = _failure ?? (Exception?)_shutdownError ?? new ObjectDisposedException(nameof(EventLogger));
            FailFlushRequests(stopped);
            FailTableRequests(stopped);
            _stopped.TrySetResult();
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
                _sequence.WakeRequested = false;
                _wake.Reset();
                stopping = _sequence.IsDisposing;
            }

            CreateRequestedTables();
            if (!stopping && !FlushIsUrgent(failures) && Stopwatch.GetTimestamp() < nextAttempt)
                continue; // woken for a table only

            nextAttempt = Stopwatch.GetTimestamp() + interval;
            // Read again as late as possible: a logger disposed right after the Add that filled the buffer (and woke
            // this thread) then has its last batch written as the last, straight into the sealed file. Safe: the pass
            // below takes its events after this read, so it began after the dispose flag and takes every event.
            stopping |= _sequence.IsDisposing;
            if (stopping && _options.SealOnClose && !_sealBegun)
            {
                _sealBegun = true;
                _writer.Store.BeginSeal(); // the last batch then goes straight into the sealed file
            }
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
    private bool FlushIsUrgent(int failures) => HasFlushRequests || (failures == 0 && _sequence.Queued >= _options.BufferSize);

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
            _shutdownError = new EventDbShutdownException(unwritten, $"{unwritten} events could not be written to '{_filePath}' before the logger closed: {reason}", error);
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

    private void Committed(int written, int rejected, long throughId, double seconds)
    {
        // The batch is in the file: it is accounted for first, by code that allocates nothing, so that no failure of
        // what follows (reports, housekeeping) can lose track of it or stop the writer.
        Account(written, rejected);
        _reports.ClearLastError();
        try
        {
            ReportRejections();
            _reports.Flushed(written, seconds, _writer.Committed);
            _producers.DropBuffersOfExitedThreads();
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
        _reports.CountCommitted(written, rejected);
        _producers.WakeProducers();
    }

    /// <summary>Counts and reports a failed flush; the reports are best effort (they need memory, which may be what failed).</summary>
    private EventDbException FlushFailed(EventDbException error)
    {
        bool busy = _writer.Store.IsBusy(error);
        long attempt = _reports.CountFailedFlush(error, busy);
        try
        {
            if (busy)
            {
                _reports.Busy(error, _writer.HeldCount, attempt);
                return error;
            }
            // Posted before Flush's callers are woken: one that catches the failure and then waits for the reports
            // (EventLogger.WaitForReports) must find this one among them.
            _reports.Failure(error, _writer.HeldCount);
            FailFlushRequests(new EventDbException($"Flush failed; {_writer.HeldCount} events are held and will be retried: {error.Message}", error));
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
                _reports.Rejection(rejections[reported]);
        }
        finally
        {
            rejections.RemoveRange(0, reported);
        }
    }

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
        _producers.ShareIds();
        _sequence.BeginDispose();
        long unwritten = _sequence.Queued;
        var failure = new EventDbException(
            $"The EventDb writer of '{_filePath}' stopped after an unexpected error and cannot go on; {unwritten} events are not written, and Add and Flush now fail: {reason.Message}",
            reason);
        Volatile.Write(ref _failure, failure);
        _shutdownError = new EventDbShutdownException(unwritten, failure.Message, failure);
        _producers.WakeProducers();
        _reports.Failure(failure, _writer.HeldCount);
    }
}
