using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace EventDb;

// What the logger tells the outside: metrics (System.Diagnostics.Metrics, meter "EventDb"), the optional ILogger and
// OnError. Counters are observable: a listener reads totals the logger keeps anyway, on its own thread. Everything
// else runs on the report dispatcher, never on the writer thread and never on the Add path.
public sealed partial class EventLogger
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> every logger publishes its instruments on.</summary>
    public const string MeterName = "EventDb";

    private Meter? _meter;
    private Histogram<double>? _flushDuration;
    private Histogram<long>? _batchSize;
    private readonly Dictionary<string, long> _writtenByTable = [];

    private void CreateInstruments()
    {
        var file = new KeyValuePair<string, object?>("eventdb.file", FilePath);
        _meter = new Meter(MeterName, version: null, [file]);
        _meter.CreateObservableCounter("eventdb.events.added", () => AddedEvents + DroppedEvents, "{event}",
            "Events passed to Add (accepted or dropped).");
        _meter.CreateObservableCounter("eventdb.events.written", ObserveWrittenByTable, "{event}", "Events committed to the file, by table.");
        _meter.CreateObservableCounter("eventdb.events.dropped", () => DroppedEvents, "{event}",
            "Events refused by Overflow = DropNewest because the queue was full.");
        _meter.CreateObservableCounter("eventdb.events.rejected", () => RejectedEvents, "{event}",
            "Events skipped by the writer because SQLite cannot store one of their values.");
        _meter.CreateObservableGauge("eventdb.queue.depth", () => QueuedEvents, "{event}", "Events added and not yet written.");
        _meter.CreateObservableCounter("eventdb.flush.retries", () => BusyRetries, "{attempt}",
            "Flush attempts that found the file locked by another connection and were retried.");
        _meter.CreateObservableCounter("eventdb.flush.failures", () => FailedFlushes, "{attempt}",
            "Flush attempts that failed with an error other than a lock; their events stay queued.");
        _flushDuration = _meter.CreateHistogram<double>("eventdb.flush.duration", "s", "Time of one committed flush.");
        _batchSize = _meter.CreateHistogram<long>("eventdb.flush.batch_size", "{event}", "Events in one committed flush.");
    }

    private IEnumerable<Measurement<long>> ObserveWrittenByTable()
    {
        lock (_writtenByTable)
            return [.. _writtenByTable.Select(t => new Measurement<long>(t.Value, new KeyValuePair<string, object?>("eventdb.table", t.Key)))];
    }

    private void ReportFlushed(int written, double seconds, IReadOnlyList<(EventTableSchema Table, int Count)> perTable)
    {
        if (written == 0)
            return;
        AllocationFaults.Allocating(AllocationSite.Report);
        lock (_writtenByTable)
        {
            foreach (var (table, count) in perTable)
                _writtenByTable[table.Name] = _writtenByTable.GetValueOrDefault(table.Name) + count;
        }
        _reports.Post(() =>
        {
            _flushDuration!.Record(seconds);
            _batchSize!.Record(written);
            if (_logger is { } logger)
                Log.Flushed(logger, written, seconds);
        });
    }

    private void ReportBusy(EventDbException error, int held, long attempt)
    {
        if (_logger is { } logger)
            _reports.Post(() => Log.FlushBusy(logger, held, attempt, error.Message));
    }

    private void ReportFailure(EventDbException error, int held)
    {
        AllocationFaults.Allocating(AllocationSite.Report);
        _reports.Post(() =>
        {
            if (_logger is { } logger)
                Log.FlushFailed(logger, held, error.SqliteErrorCode, error);
            _options.OnError?.Invoke(error);
        });
    }

    private void ReportRejection(EventDbException rejection)
    {
        _reports.Post(() =>
        {
            if (_logger is { } logger)
                Log.EventRejected(logger, rejection.Message);
            _options.OnError?.Invoke(rejection);
        });
    }

    /// <summary>The writer stopped for good (see <see cref="Fail"/>): told like a failed flush.</summary>
    private void ReportWriterFailed(EventDbException error) => ReportFailure(error, _writer.HeldCount);

    /// <summary>
    /// Events accepted and lost because the process ended first. Told right here (the process is ending, and the
    /// dispatcher may never run again), and on standard error, where someone may still read it.
    /// </summary>
    internal void ReportExitLoss(long unwritten, string reason)
    {
        var loss = new EventDbShutdownException(unwritten,
            $"{unwritten} events accepted for '{FilePath}' were not written before {reason} (the file kept failing for the shutdown timeout, {ShutdownTimeout.TotalSeconds:0.###} s).", null);
        Console.Error.WriteLine($"EventDb: {loss.Message}");
        try
        {
            if (_logger is { } logger)
                Log.ExitLoss(logger, loss.Message);
            _options.OnError?.Invoke(loss);
        }
#pragma warning disable CA1031 // The process is ending; the loss is on standard error already.
        catch
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Returns once every report queued so far has been delivered (for tests).</summary>
    internal void WaitForReports() => _reports.WaitUntilIdle();

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
