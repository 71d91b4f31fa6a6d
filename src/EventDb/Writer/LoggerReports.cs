using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace EventDb;

/// <summary>
/// What a logger tells the outside, and the totals it keeps to tell it: metrics (System.Diagnostics.Metrics, meter
/// <see cref="MeterName"/>), the optional <see cref="ILogger"/> and <see cref="EventLoggerOptions.OnError"/>. Counters
/// are observable: a listener reads the totals kept here anyway, on its own thread. Everything else runs on the
/// <see cref="ReportDispatcher"/>, never on the writer thread and never on the Add path.
/// </summary>
internal sealed partial class LoggerReports : IDisposable
{
    public const string MeterName = "EventDb";

    private readonly EventSequence _sequence;
    private readonly long _firstId;
    private readonly string _filePath;
    private readonly ILogger? _logger;
    private readonly Action<EventDbException>? _onError;
    private readonly ReportDispatcher _dispatcher;
    private readonly Meter _meter;
    private readonly Histogram<double> _flushDuration;
    private readonly Histogram<long> _batchSize;
    private readonly Dictionary<string, long> _writtenByTable = [];

    private long _written;
    private long _rejected;
    private long _dropped;
    private long _busyRetries;
    private long _failedFlushes;
    private EventDbException? _lastError;

    public LoggerReports(EventLoggerOptions options, string filePath, EventSequence sequence, long openRetries)
    {
        _sequence = sequence;
        _firstId = sequence.LastId;
        _filePath = filePath;
        _logger = options.Logger;
        _onError = options.OnError;
        _busyRetries = openRetries;
        _dispatcher = new ReportDispatcher(ReportDroppedReports);
        var file = new KeyValuePair<string, object?>("eventdb.file", filePath);
        _meter = new Meter(MeterName, version: null, [file]);
        _meter.CreateObservableCounter("eventdb.events.added", () => Added + Dropped, "{event}",
            "Events passed to Add (accepted or dropped).");
        _meter.CreateObservableCounter("eventdb.events.written", ObserveWrittenByTable, "{event}", "Events committed to the file, by table.");
        _meter.CreateObservableCounter("eventdb.events.dropped", () => Dropped, "{event}",
            "Events refused by Overflow = DropNewest because the queue was full.");
        _meter.CreateObservableCounter("eventdb.events.rejected", () => Rejected, "{event}",
            "Events skipped by the writer because SQLite cannot store one of their values.");
        _meter.CreateObservableGauge("eventdb.queue.depth", () => _sequence.Queued, "{event}", "Events added and not yet written.");
        _meter.CreateObservableCounter("eventdb.flush.retries", () => BusyRetries, "{attempt}",
            "Flush attempts that found the file locked by another connection and were retried.");
        _meter.CreateObservableCounter("eventdb.flush.failures", () => FailedFlushes, "{attempt}",
            "Flush attempts that failed with an error other than a lock; their events stay queued.");
        _flushDuration = _meter.CreateHistogram<double>("eventdb.flush.duration", "s", "Time of one committed flush.");
        _batchSize = _meter.CreateHistogram<long>("eventdb.flush.batch_size", "{event}", "Events in one committed flush.");
    }

    public long Added => _sequence.LastId - _firstId;

    public long Written => Volatile.Read(ref _written);

    public long Dropped => Volatile.Read(ref _dropped);

    public long Rejected => Volatile.Read(ref _rejected);

    public long BusyRetries => Volatile.Read(ref _busyRetries);

    public long FailedFlushes => Volatile.Read(ref _failedFlushes);

    public EventDbException? LastError => Volatile.Read(ref _lastError);

    /// <summary>One event refused under <see cref="OverflowPolicy.DropNewest"/>.</summary>
    public void CountDropped() => Interlocked.Increment(ref _dropped);

    /// <summary>A committed batch's events, written or rejected; allocates nothing (it runs right after a COMMIT).</summary>
    public void CountCommitted(int written, int rejected)
    {
        Interlocked.Add(ref _written, written);
        Interlocked.Add(ref _rejected, rejected);
    }

    /// <summary>A flush committed: the last failure is over.</summary>
    public void ClearLastError() => Volatile.Write(ref _lastError, null);

    /// <summary>Counts a failed flush attempt (a lock apart from the rest) and returns its number.</summary>
    public long CountFailedFlush(EventDbException error, bool busy)
    {
        if (busy)
            return Interlocked.Increment(ref _busyRetries);
        Volatile.Write(ref _lastError, error);
        return Interlocked.Increment(ref _failedFlushes);
    }

    private IEnumerable<Measurement<long>> ObserveWrittenByTable()
    {
        lock (_writtenByTable)
            return [.. _writtenByTable.Select(t => new Measurement<long>(t.Value, new KeyValuePair<string, object?>("eventdb.table", t.Key)))];
    }

    public void Flushed(int written, double seconds, IReadOnlyList<(EventTableSchema Table, int Count)> perTable)
    {
        if (written == 0)
            return;
        AllocationFaults.Allocating(AllocationSite.Report);
        lock (_writtenByTable)
        {
            foreach (var (table, count) in perTable)
                _writtenByTable[table.Name] = _writtenByTable.GetValueOrDefault(table.Name) + count;
        }
        _dispatcher.Post(() =>
        {
            _flushDuration.Record(seconds);
            _batchSize.Record(written);
            if (_logger is { } logger)
                Log.Flushed(logger, written, seconds);
        });
    }

    public void Busy(EventDbException error, int held, long attempt)
    {
        if (_logger is { } logger)
            _dispatcher.Post(() => Log.FlushBusy(logger, held, attempt, error.Message));
    }

    /// <summary>A failed flush, or the writer stopped for good: told the same way.</summary>
    public void Failure(EventDbException error, int held)
    {
        AllocationFaults.Allocating(AllocationSite.Report);
        _dispatcher.Post(() =>
        {
            if (_logger is { } logger)
                Log.FlushFailed(logger, held, error.SqliteExtendedErrorCode, error); // the extended code, as the log always said
            _onError?.Invoke(error);
        });
    }

    public void Rejection(EventRejectedException rejection)
    {
        _dispatcher.Post(() =>
        {
            if (_logger is { } logger)
                Log.EventRejected(logger, rejection.Message);
            _onError?.Invoke(rejection);
        });
    }

    /// <summary>
    /// Events accepted and lost because the process ended first. Told right here (the process is ending, and the
    /// dispatcher may never run again), and on standard error, where someone may still read it.
    /// </summary>
    public void ExitLoss(long unwritten, string reason, TimeSpan shutdownTimeout)
    {
        var loss = new EventDbShutdownException(unwritten,
            $"{unwritten} events accepted for '{_filePath}' were not written before {reason} (the file kept failing for the shutdown timeout, {shutdownTimeout.TotalSeconds:0.###} s).", null);
        try
        {
            Console.Error.WriteLine($"EventDb: {loss.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Standard error that cannot be written (/dev/full; closed, so descriptor 2 is some file opened read-only,
            // where .NET maps EBADF to UnauthorizedAccessException): the log and OnError below still tell it.
        }
        try
        {
            if (_logger is { } logger)
                Log.ExitLoss(logger, loss.Message);
            _onError?.Invoke(loss);
        }
#pragma warning disable CA1031 // The process is ending; the loss is on standard error already.
        catch
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Returns once every report queued so far has been delivered (for tests).</summary>
    public void WaitUntilIdle() => _dispatcher.WaitUntilIdle();

    /// <summary>Delivers what is queued, waiting at most <paramref name="timeout"/>, and ends the meter.</summary>
    public void Close(TimeSpan timeout)
    {
        try
        {
            _dispatcher.Complete(timeout);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Ends the meter; alone, for a logger that failed to open (nothing was posted).</summary>
    public void Dispose() => _meter.Dispose();

    private void ReportDroppedReports(long dropped)
    {
        if (_logger is { } logger)
            Log.ReportsDropped(logger, dropped);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Flushed {Count} events in {Seconds:F3} s")]
        public static partial void Flushed(ILogger logger, int count, double seconds);

        [LoggerMessage(2, LogLevel.Warning, "The database is locked by another connection; the flush of {Count} events is retried (attempt {Attempt}): {Reason}")]
        public static partial void FlushBusy(ILogger logger, int count, long attempt, string reason);

        [LoggerMessage(3, LogLevel.Error, "The flush of {Count} events failed (SQLite code {SqliteCode}); they stay queued and are retried")]
        public static partial void FlushFailed(ILogger logger, int count, int sqliteCode, Exception error);

        [LoggerMessage(4, LogLevel.Error, "{Reason}")]
        public static partial void EventRejected(ILogger logger, string reason);

        [LoggerMessage(6, LogLevel.Critical, "{Reason}")]
        public static partial void ExitLoss(ILogger logger, string reason);

        [LoggerMessage(5, LogLevel.Warning, "{Count} reports (errors, log lines, measurements) were dropped because OnError or a log provider did not keep up")]
        public static partial void ReportsDropped(ILogger logger, long count);
    }
}
