using System.Diagnostics.Metrics;
using EventDb.Penguin;
using EventDb.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace EventDb.Tests;

/// <summary>Metrics through System.Diagnostics.Metrics and messages through ILogger.</summary>
public sealed class DiagnosticsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void MeterListener_AtRest_AddedEqualsWrittenPlusDroppedPlusQueued()
    {
        var longs = new Dictionary<string, long>();
        var doubles = new Dictionary<string, int>();
        var writtenByTable = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Tests run in parallel: listen to this test's logger only.
            if (instrument.Meter.Name == EventLogger.MeterName && instrument.Meter.Tags!.Any(t => t.Key == "eventdb.file" && (string)t.Value! == _dir.DbPath))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (longs)
            {
                // Observable instruments report totals (events.written one per table), the others report increments.
                foreach (var tag in tags)
                {
                    if (tag.Key == "eventdb.table")
                        writtenByTable[(string)tag.Value!] = value;
                }
                longs[instrument.Name] = instrument.Name == "eventdb.events.written" ? writtenByTable.Values.Sum()
                    : instrument.IsObservable ? value : longs.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            lock (longs)
                doubles[instrument.Name] = doubles.GetValueOrDefault(instrument.Name) + 1;
        });
        listener.Start();

        using var log = EventLogger.Open(_dir.Options() with
        {
            FlushInterval = TimeSpan.FromHours(1),
            BufferSize = 100,
            MaxQueuedEvents = 100,
            Overflow = OverflowPolicy.DropNewest,
        });
        for (int i = 0; i < 2_000; i++)
        {
            if (i % 4 == 0)
                log.Add(new RunInfo { Firmware = "fw", Seed = i });
            else
                log.Add(new Syscall { Name = "sys_read" });
        }
        log.Flush();
        log.WaitForReports(); // histograms are recorded on the report thread
        listener.RecordObservableInstruments();

        lock (longs)
        {
            Assert.Equal(2_000, longs["eventdb.events.added"]);
            Assert.Equal(0, longs["eventdb.queue.depth"]);
            Assert.Equal(log.WrittenEvents, longs["eventdb.events.written"]);
            Assert.Equal(log.DroppedEvents, longs["eventdb.events.dropped"]);
            Assert.Equal(longs["eventdb.events.added"], longs["eventdb.events.written"] + longs["eventdb.events.dropped"] + longs["eventdb.queue.depth"]);
            Assert.True(longs["eventdb.events.dropped"] > 0, "the queue bound of 100 should have dropped some of 2,000 events");
            Assert.Equal(log.WrittenEvents, longs["eventdb.flush.batch_size"]);
            Assert.Equal(log.WrittenEvents, writtenByTable.GetValueOrDefault("syscall") + writtenByTable.GetValueOrDefault("run_info"));
            Assert.True(writtenByTable["run_info"] > 0);
            Assert.True(doubles["eventdb.flush.duration"] >= 1);
        }
    }

    [Fact]
    public void Logger_Flush_LogsTheSeedsDebugLine()
    {
        var logger = new RecordingLogger();
        using (var log = EventLogger.Open(_dir.Options() with { Logger = logger }))
        {
            for (int i = 0; i < 10; i++)
                log.Add(new RunInfo { Firmware = "fw", Seed = i });
            log.Flush();
        }
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Debug && e.Message.StartsWith("Flushed 10 events in ", StringComparison.Ordinal));
    }

    [Fact]
    public void Logger_RejectedEvent_LogsAnErrorNamingTheColumn()
    {
        var logger = new RecordingLogger();
        using (var log = EventLogger.Open(_dir.Options() with { Logger = logger }))
        {
            log.Add(new RunInfo { Firmware = "bad \uD800" });
            log.Flush();
        }
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("'run_info.firmware'", StringComparison.Ordinal));
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
                Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
