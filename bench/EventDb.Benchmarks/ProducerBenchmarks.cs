using BenchmarkDotNet.Attributes;

namespace EventDb.Benchmarks;

/// <summary>
/// The producer's cost: ns and allocated bytes per <see cref="EventLogger.Add{T}(in T)"/> with the writer running.
/// One long-lived logger (Overflow = Grow, so Add never waits for room). Before each iteration (not measured) the
/// producer waits until at most 100,000 events are queued, so the writer is still committing while the measured Adds
/// run, and the queue stays bounded. Allocated bytes are BenchmarkDotNet's process-wide count (writer included).
/// With 2 producers, ns/op is wall time over all Adds of both threads.
/// <see cref="CopyFloor"/> is the baseline measured in the same run: the same events copied by the same threads into
/// plain arrays while the writer commits the same backlog. Add minus the floor is what the logger itself costs.
/// <see cref="CopyAndSequenceFloor"/> adds what the id guarantee costs at the least: each id one atomic increment of a
/// counter both threads share (ids follow arrival order across threads), which the private copies never pay.
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
    private ProducerWork? _helperWork;
    private ProducerWork? _add;
    private ProducerWork? _copy;
    private ProducerWork? _copyAndSequence;
    private CopySink[] _sinks = [];
    private CopySink[] _sequencedSinks = [];

    /// <summary>One producer's share of an invocation: <paramref name="count"/> events from <paramref name="start"/>.</summary>
    private delegate void ProducerWork(int producer, long start, int count);

    /// <summary>Producer threads adding at once (the benchmark thread is one of them).</summary>
    [Params(1, 2)]
    public int Producers { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _ = Workload.Indices;
        _directory = Workload.ScratchDirectory("producer");
        OpenLogger();
        _sinks = [.. Enumerable.Range(0, Producers).Select(_ => new CopySink(AddsPerInvoke / Producers))];
        var shared = new CopySink.SharedSequence();
        _sequencedSinks = [.. Enumerable.Range(0, Producers).Select(_ => new CopySink(AddsPerInvoke / Producers, shared))];
        // Created once: a delegate allocated per invocation would show up in Add's allocated bytes.
        _add = (_, start, count) => AddRange(start, count);
        _copy = (producer, start, count) => _sinks[producer].CopyRange(start, count);
        _copyAndSequence = (producer, start, count) => _sequencedSinks[producer].CopyRange(start, count);
        if (Producers == 2)
        {
            _helper = new Thread(HelperLoop) { IsBackground = true, Name = "producer 2" };
            _helper.Start();
        }
    }

    [IterationSetup(Target = nameof(Add))]
    public void Backlog()
    {
        RecycleLargeFile();
        while (_logger!.QueuedEvents > Workload.EventsPerTransaction)
            Thread.Sleep(1);
    }

    /// <summary>Before a floor iteration: the same backlog for the writer to commit while the copies run.</summary>
    [IterationSetup(Targets = [nameof(CopyFloor), nameof(CopyAndSequenceFloor)])]
    public void BacklogForCopy()
    {
        RecycleLargeFile();
        _logger!.Flush();
        AddRange(_next, Workload.EventsPerTransaction);
        _next += Workload.EventsPerTransaction;
    }

    [Benchmark(OperationsPerInvoke = AddsPerInvoke)]
    public void Add() => RunProducers(_add!);

    [Benchmark(Baseline = true, OperationsPerInvoke = AddsPerInvoke)]
    public void CopyFloor() => RunProducers(_copy!);

    [Benchmark(OperationsPerInvoke = AddsPerInvoke)]
    public void CopyAndSequenceFloor() => RunProducers(_copyAndSequence!);

    /// <summary>Runs <paramref name="work"/> over the next <see cref="AddsPerInvoke"/> events, split over the producers.</summary>
    private void RunProducers(ProducerWork work)
    {
        if (Producers == 1)
        {
            work(0, _next, AddsPerInvoke);
        }
        else
        {
            const int half = AddsPerInvoke / 2;
            _helperStart = _next + half;
            _helperWork = work;
            _done.Reset();
            _go.Set();
            work(0, _next, half);
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

    /// <summary>Past <see cref="RecycleAfter"/> events, replaces the file (outside the measurement).</summary>
    private void RecycleLargeFile()
    {
        if (_logger!.AddedEvents <= RecycleAfter)
            return;
        _logger.Dispose();
        OpenLogger();
        AddRange(_next, Workload.EventsPerTransaction);
        _next += Workload.EventsPerTransaction;
    }

    private void HelperLoop()
    {
        while (true)
        {
            _go.Wait();
            _go.Reset();
            if (_stop)
                return;
            _helperWork!(1, _helperStart, AddsPerInvoke / 2);
            _done.Set();
        }
    }
}
