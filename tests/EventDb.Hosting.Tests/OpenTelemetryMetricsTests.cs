using EventDb.Penguin;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace EventDb.Hosting.Tests;

/// <summary>The EventDb meter read through the OpenTelemetry SDK, as an app exporting metrics sees it.</summary>
public sealed class OpenTelemetryMetricsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void InMemoryExporter_KnownMixFlushed_ReportsWrittenPerTableAddedQueueDepthAndFlushes()
    {
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(EventLogger.MeterName).AddInMemoryExporter(exported).Build();
        var perTable = new Dictionary<string, long> { ["syscall"] = 700, ["read"] = 200, ["write"] = 90, ["exec"] = 10 };
        long total = perTable.Values.Sum();

        using var log = EventLogger.Open(_dir.Options() with { FlushInterval = TimeSpan.FromHours(1) });
        for (int i = 0; i < perTable["syscall"]; i++)
            log.Add(new Syscall { Name = "sys_read", Arg0 = (ulong)i });
        for (int i = 0; i < perTable["read"]; i++)
            log.Add(new Read { Fd = 3, Fname = "/etc/passwd", Buffer = [1, 2, 3] });
        for (int i = 0; i < perTable["write"]; i++)
            log.Add(new Write { Fd = 1, Buffer = [4] });
        for (int i = 0; i < perTable["exec"]; i++)
            log.Add(new Exec { Calltree = "init", Argc = "1", Argv = "['sh']", Envp = "[]" });
        log.Flush();
        log.WaitForReports(); // the histograms are recorded on the report thread, shortly after Flush returns
        Assert.True(provider.ForceFlush(), "the meter provider did not flush");

        // Tests run in parallel and every logger publishes on the meter "EventDb": read this logger's only.
        var metrics = new MeterReading(exported, log.FilePath);
        var written = metrics.LongsByTag("eventdb.events.written", "eventdb.table");
        Assert.Equal(total, written.Values.Sum());
        Assert.Equal(perTable.OrderBy(p => p.Key, StringComparer.Ordinal), written.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(total, metrics.Long("eventdb.events.added"));
        Assert.Equal(0, metrics.Long("eventdb.queue.depth"));
        Assert.Equal(total, metrics.HistogramSum("eventdb.flush.batch_size"));
        Assert.True(metrics.HistogramCount("eventdb.flush.batch_size") >= 1);
        Assert.True(metrics.HistogramCount("eventdb.flush.duration") >= 1);
    }
}
