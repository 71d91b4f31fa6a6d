using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace EventDb;

// Metrics (System.Diagnostics.Metrics, meter "EventDb") and the optional ILogger. Nothing here runs on the Add path:
// the counters the producers move are read by observable instruments when a listener asks.
public sealed partial class EventLogger
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> every logger publishes its instruments on.</summary>
    public const string MeterName = "EventDb";

    private Meter? _meter;
    private Counter<long>? _writtenCounter;
    private Histogram<double>? _flushDuration;
    private Histogram<long>? _batchSize;
    private Counter<long>? _retryCounter;
    private Counter<long>? _failureCounter;
    private Counter<long>? _rejectedCounter;

    private void CreateInstruments()
    {
        var file = new KeyValuePair<string, object?>("eventdb.file", FilePath);
        _meter = new Meter(MeterName, version: null, [file]);
        _meter.CreateObservableCounter("eventdb.events.added", () => AddedEvents + DroppedEvents, "{event}",
            "Events passed to Add (accepted or dropped).");
        _writtenCounter = _meter.CreateCounter<long>("eventdb.events.written", "{event}", "Events committed to the file, by table.");
        _meter.CreateObservableCounter("eventdb.events.dropped", () => DroppedEvents, "{event}",
            "Events refused by Overflow = DropNewest because the queue was full.");
        _rejectedCounter = _meter.CreateCounter<long>("eventdb.events.rejected", "{event}",
            "Events skipped by the writer because SQLite cannot store one of their values.");
        _meter.CreateObservableGauge("eventdb.queue.depth", () => QueuedEvents, "{event}", "Events added and not yet written.");
        _retryCounter = _meter.CreateCounter<long>("eventdb.flush.retries", "{attempt}",
            "Flush attempts that found the file locked by another connection and were retried.");
        _failureCounter = _meter.CreateCounter<long>("eventdb.flush.failures", "{attempt}",
            "Flush attempts that failed with an error other than a lock; their events stay queued.");
        _flushDuration = _meter.CreateHistogram<double>("eventdb.flush.duration", "s", "Time of one committed flush.");
        _batchSize = _meter.CreateHistogram<long>("eventdb.flush.batch_size", "{event}", "Events in one committed flush.");
    }

    private void RecordFlush(int written, double seconds, IReadOnlyList<(EventTableSchema Table, int Count)> perTable)
    {
        if (written == 0)
            return;
        foreach (var (table, count) in perTable)
            _writtenCounter!.Add(count, new KeyValuePair<string, object?>("eventdb.table", table.Name));
        _flushDuration!.Record(seconds);
        _batchSize!.Record(written);
        if (_logger is { } logger)
            Log.Flushed(logger, written, seconds);
    }

    private void RecordBusy(EventDbException error, int attempt)
    {
        _retryCounter!.Add(1);
        if (_logger is { } logger)
            Log.FlushBusy(logger, _writer.HeldCount, attempt, error.Message);
    }

    private void RecordFailure(EventDbException error)
    {
        _failureCounter!.Add(1);
        if (_logger is { } logger)
            Log.FlushFailed(logger, _writer.HeldCount, error.SqliteErrorCode, error);
    }

    private void RecordRejection(EventDbException rejection)
    {
        _rejectedCounter!.Add(1);
        if (_logger is { } logger)
            Log.EventRejected(logger, rejection.Message);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Flushed {Count} events in {Seconds:F3} s")]
        public static partial void Flushed(ILogger logger, int count, double seconds);

        [LoggerMessage(2, LogLevel.Warning, "The database is locked by another connection; the flush of {Count} events is retried (attempt {Attempt}): {Reason}")]
        public static partial void FlushBusy(ILogger logger, int count, int attempt, string reason);

        [LoggerMessage(3, LogLevel.Error, "The flush of {Count} events failed (SQLite code {SqliteCode}); they stay queued and are retried")]
        public static partial void FlushFailed(ILogger logger, int count, int sqliteCode, Exception error);

        [LoggerMessage(4, LogLevel.Error, "{Reason}")]
        public static partial void EventRejected(ILogger logger, string reason);
    }
}
