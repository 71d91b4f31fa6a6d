using BenchmarkDotNet.Attributes;

namespace EventDb.Benchmarks;

/// <summary>
/// The producer's cost: ns and allocated bytes per <see cref="EventLogger.Add{T}(in T)"/> with the writer running.
/// One long-lived logger (Overflow = Grow, so Add never waits for room). Before each iteration (not measured) the
/// producer waits until at most 100,000 events are queued, so the writer is still committing while the measured Adds
/// run, and the queue stays bounded. Allocated bytes are BenchmarkDotNet's process-wide count (writer included).
/// With 2 producers, ns/op is wall time over all Adds of both threads.
/// </summary>
[Config(typeof(BenchConfigs.Producer))]
[MemoryDiagnoser]
public class ProducerBenchmarks
{
    /// <summary>Adds per invocation, across all producers.</summary>
    public const int AddsPerInvoke = 400_000;

    // Past this many events the file is replaced (outside the measurement) so a long run does not fill the disk.
    private const long RecycleAfter = 4_000_000;

    private string _directory = "";
    private EventLogger? _logger;
    private long _next;
    private Thread? _helper;
    private readonly ManualResetEventSlim _go = new();
    private readonly ManualResetEventSlim _done = new();
    private volatile bool _stop;
    private long _helperStart;

    /// <summary>Producer threads adding at once (the benchmark thread is one of them).</summary>
    [Params(1, 2)]
    public int Producers { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _ = Workload.Indices;
        _directory = Workload.ScratchDirectory("producer");
        OpenLogger();
        if (Producers == 2)
        {
            _helper = new Thread(HelperLoop) { IsBackground = true, Name = "producer 2" };
            _helper.Start();
        }
    }

    [IterationSetup]
    public void Backlog()
    {
        if (_logger!.AddedEvents > RecycleAfter)
        {
            _logger.Dispose();
            OpenLogger();
            AddRange(_next, Workload.EventsPerTransaction);
            _next += Workload.EventsPerTransaction;
        }
        while (_logger.QueuedEvents > Workload.EventsPerTransaction)
            Thread.Sleep(1);
    }

    [Benchmark(OperationsPerInvoke = AddsPerInvoke)]
    public void Add()
    {
        if (Producers == 1)
        {
            AddRange(_next, AddsPerInvoke);
        }
        else
        {
            const int half = AddsPerInvoke / 2;
            _helperStart = _next + half;
            _done.Reset();
            _go.Set();
            AddRange(_next, half);
            _done.Wait();
        }
        _next += AddsPerInvoke;
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _stop = true;
        _go.Set();
        _helper?.Join();
        _logger?.Dispose();
        Workload.DeleteScratch(_directory);
        _go.Dispose();
        _done.Dispose();
    }

    private void OpenLogger()
    {
        Workload.DeleteDatabase(Path.Combine(_directory, "bench.db"));
        _logger = EventLogger.Open(Workload.LoggerOptions(_directory, "bench.db") with { Overflow = OverflowPolicy.Grow });
        // Registers every event type and grows the buffers once, outside the measurement.
        AddRange(0, 2 * AddsPerInvoke);
        _logger.Flush();
        _next = 2 * AddsPerInvoke;
    }

    private void AddRange(long start, int count) => Workload.AddRange(_logger!, start, count);

    private void HelperLoop()
    {
        while (true)
        {
            _go.Wait();
            _go.Reset();
            if (_stop)
                return;
            AddRange(_helperStart, AddsPerInvoke / 2);
            _done.Set();
        }
    }
}
