using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace EventDb.FaultTests;

/// <summary>
/// User code the logger calls — OnError, an ILogger provider, a meter listener — cannot stop the writer, change what is
/// written or counted, or deadlock it by calling back into the logger.
/// </summary>
public sealed class CallbackTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>An event the writer rejects (UTF-8 cannot encode an unpaired surrogate): the way to make OnError run.</summary>
    private static Numbered Unstorable(long seq) => new() { Producer = 9, Seq = seq, Text = "bad \uD800" };

    /// <summary>Runs <paramref name="test"/> and fails (rather than hangs) if it does not finish in time.</summary>
    private static void WithinSeconds(int seconds, Action test)
    {
        var run = Task.Run(test);
        Assert.True(run.Wait(TimeSpan.FromSeconds(seconds)), $"deadlock: the test did not finish within {seconds} s");
    }

    [Fact]
    public void OnError_CallsFlushAndFlushAsync_BothReturnAndTheEventsItAddsLand()
    {
        WithinSeconds(30, () =>
        {
            EventLogger? log = null;
            int calls = 0;
            log = EventLogger.Open(_dir.Options() with
            {
                OnError = _ =>
                {
                    if (Interlocked.Increment(ref calls) > 1)
                        return;
                    log!.Add(new Numbered { Producer = 1, Seq = 0 });
                    log.Flush();
                    log.Add(new Numbered { Producer = 1, Seq = 1 });
                    log.FlushAsync().GetAwaiter().GetResult();
                },
            });
            log.Add(Unstorable(0));
            log.Flush();
            log.WaitForReports();
            log.Dispose();

            Assert.Equal(1, calls);
            Assert.Equal(1, log.RejectedEvents);
            Assert.Equal(2, log.WrittenEvents);
        });
    }

    [Fact]
    public void OnError_AddsMoreThanTheQueueHolds_TheAddsWaitForRoomAndAllLand()
    {
        WithinSeconds(60, () =>
        {
            EventLogger? log = null;
            int calls = 0;
            log = EventLogger.Open(_dir.Options() with
            {
                BufferSize = 100,
                MaxQueuedEvents = 100,
                Overflow = OverflowPolicy.Block,
                OnError = _ =>
                {
                    if (Interlocked.Increment(ref calls) == 1)
                        Producers.AddNumbered(log!, 2, 0, 10_000); // must wait for the writer 99 times
                },
            });
            log.Add(Unstorable(0));
            log.Flush();
            log.WaitForReports();
            log.Dispose();

            Assert.Equal(10_000, log.WrittenEvents);
            using var db = _dir.OpenRaw(readOnly: true);
            FileChecks.AssertSoundAndUntorn(db);
        });
    }

    [Fact]
    public void OnError_DisposesTheLogger_DisposeReturnsEverythingIsWrittenAndLaterCallsSeeItDisposed()
    {
        WithinSeconds(30, () =>
        {
            EventLogger? log = null;
            var disposedInCallback = new ManualResetEventSlim();
            log = EventLogger.Open(_dir.Options() with
            {
                OnError = _ =>
                {
                    log!.Dispose();
                    disposedInCallback.Set();
                },
            });
            Producers.AddNumbered(log, 0, 0, 1_000);
            log.Add(Unstorable(0));
            Producers.AddNumbered(log, 0, 1_000, 1_000);
            log.Flush();

            Assert.True(disposedInCallback.Wait(TimeSpan.FromSeconds(20)));
            Assert.Throws<ObjectDisposedException>(() => log.Add(new Numbered()));
            log.Dispose(); // again, from here: returns at once
            Assert.Equal(2_000, log.WrittenEvents);
        });
    }

    [Fact]
    public void OnErrorThatNeverReturns_DisposeStillReturnsWithinTheShutdownTimeoutAndEverythingIsWritten()
    {
        using var never = new ManualResetEventSlim();
        var log = EventLogger.Open(_dir.Options() with { ShutdownTimeout = TimeSpan.FromSeconds(1), OnError = _ => never.Wait() });
        log.Add(Unstorable(0));
        Producers.AddNumbered(log, 0, 0, 1_000);
        log.Flush();
        Producers.AddNumbered(log, 0, 1_000, 1_000);

        WithinSeconds(10, log.Dispose);

        never.Set();
        Assert.Equal(2_000, log.WrittenEvents);
    }

    [Fact]
    public void LoggerProviderThatThrows_AfterEveryCommit_NothingIsLostOrMiscountedAndFlushNeverHangs()
    {
        // Microsoft.Extensions.Logging runs every provider and rethrows their failures as one AggregateException.
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new ThrowingProvider()));
        int onError = 0;
        WithinSeconds(30, () =>
        {
            using var log = EventLogger.Open(_dir.Options() with
            {
                Logger = factory.CreateLogger("EventDb"),
                OnError = _ => throw new InvalidOperationException("a callback that throws too"),
            });
            for (int round = 0; round < 5; round++)
            {
                Producers.AddNumbered(log, 0, round * 1_000, 1_000);
                log.Flush(); // hung forever once the writer died
            }
            log.Add(Unstorable(0)); // a rejection goes through both throwing reporters
            log.Flush();
            log.WaitForReports();
            Interlocked.Increment(ref onError);
            log.Dispose();

            Assert.Equal(5_000, log.WrittenEvents);
            Assert.Equal(1, log.RejectedEvents);
            Assert.Equal(0, log.FailedFlushes);
            Assert.Null(log.LastError);
        });
        using var db = _dir.OpenRaw(readOnly: true);
        FileChecks.AssertEachNumberedOnce(db, 1, 5_000);
    }

    [Fact]
    public void MeterListenerThatThrowsAndCallsBack_WriterGoesOnAndCountsStayExact()
    {
        WithinSeconds(30, () =>
        {
            EventLogger? log = null;
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EventLogger.MeterName && instrument.Meter.Tags!.Any(t => (string?)t.Value == _dir.DbPath))
                    l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<double>((_, _, _, _) =>
            {
                log?.Flush(); // a listener that calls back into the logger it measures
                throw new InvalidOperationException("a listener that throws");
            });
            listener.Start();
            log = EventLogger.Open(_dir.Options());
            for (int round = 0; round < 3; round++)
            {
                Producers.AddNumbered(log, 0, round * 1_000, 1_000);
                log.Flush();
            }
            log.WaitForReports();
            log.Dispose();
            Assert.Equal(3_000, log.WrittenEvents);
        });
    }

    [Fact]
    public void MemberGetterThatThrows_RejectsThatEventAloneAndItsNeighboursAreWritten()
    {
        var errors = new List<EventDbException>();
        using (var log = EventLogger.Open(_dir.Options() with { Tables = [Touchy.Schema], OnError = e => { lock (errors) errors.Add(e); } }))
        {
            log.Add(new Touchy { Value = 1 });
            log.Add(new Touchy { Value = -1 }); // its getter throws when the writer binds it
            log.Add(new Touchy { Value = 3 });
            log.Flush();
            Assert.Equal(2, log.WrittenEvents);
            Assert.Equal(1, log.RejectedEvents);
        }
        var rejection = Assert.IsType<EventRejectedException>(Assert.Single(errors));
        Assert.Contains("column 'touchy.value'", rejection.Message, StringComparison.Ordinal);
        Assert.Equal((2L, "touchy", "value"), (rejection.EventId, rejection.Table, rejection.Column));
        Assert.Contains("negative", rejection.Message, StringComparison.Ordinal);
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal([["1"], ["3"]], db.Rows("SELECT value FROM touchy ORDER BY id"));
    }

    private sealed class ThrowingProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ThrowingLogger();

        public void Dispose()
        {
        }

        private sealed class ThrowingLogger : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                throw new IOException("the log sink is gone");
        }
    }
}

/// <summary>An event whose member getter throws for some values, as a computed property might.</summary>
[EventTable("touchy")]
public partial record struct Touchy
{
    private readonly long _value;

    public long Value
    {
        get => _value >= 0 ? _value : throw new InvalidOperationException("Value is negative");
        init => _value = value;
    }
}
