using BenchmarkDotNet.Attributes;

namespace EventDb.Benchmarks;

/// <summary>
/// The producer's cost: ns and allocated bytes per <see cref="EventLogger.Add{T}(in T)"/> with the writer running.
/// One long-lived logger (Overflow = Grow, so Add never waits for room). Before each iteration (not measured) the
/// producer waits until at most 100,000 events are queued, so the writer is still committing while the measured Adds
/// run, and the queue stays bounded. Allocated bytes are BenchmarkDotNet's process-wide count (writer included).
/// With 2 producers, ns/op is wall time over all Adds of both threads; the second thread is woken in the iteration setup
/// and spins until the measured call starts: woken only by the call, it started milliseconds late whenever the writer's
/// threads held both cores, which they do more in Add's iterations than in the floors'.
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
    private volatile bool _armed; // the helper is awake, spinning for _start
    private volatile bool _start;
    private long _helperStart;
    private long _helperCpu; // the helper's CPU time for its share of the last invocation
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
        WarmToTier1();
        if (Producers == 2)
        {
            _helper = new Thread(HelperLoop) { IsBackground = true, Name = "producer 2" };
            _helper.Start();
        }
    }

    /// <summary>
    /// Calls each method's loop often enough, with pauses for the background compiler, that every iteration runs its final
    /// (tier 1) code. Otherwise the measured loops run as on-stack-replacement code, recompiled once they have been called
    /// 30 times, in the middle of the measurement and at a different iteration in each method's process.
    /// </summary>
    private void WarmToTier1()
    {
        const int calls = 40, events = 64;
        for (int pass = 0; pass < 3; pass++)
        {
            for (int call = 0; call < calls; call++)
            {
                _add!(0, _next, events);
                _copy!(0, _next, events);
                _copyAndSequence!(0, _next, events);
                _next += events;
            }
            Thread.Sleep(300);
        }
    }

    [IterationSetup(Target = nameof(Add))]
    public void Backlog()
    {
        RecycleLargeFile();
        while (_logger!.QueuedEvents > Workload.EventsPerTransaction)
            Thread.Sleep(1);
        ArmHelper();
    }

    /// <summary>Before a floor iteration: the same backlog for the writer to commit while the copies run.</summary>
    [IterationSetup(Targets = [nameof(CopyFloor), nameof(CopyAndSequenceFloor)])]
    public void BacklogForCopy()
    {
        RecycleLargeFile();
        _logger!.Flush();
        AddRange(_next, Workload.EventsPerTransaction);
        _next += Workload.EventsPerTransaction;
        ArmHelper();
    }

    /// <summary>Wakes the second producer and returns once it is running, spinning until the measured call starts it.</summary>
    private void ArmHelper()
    {
        if (_helper is null)
            return;
        _go.Set();
        var spinner = new SpinWait();
        while (!_armed)
            spinner.SpinOnce();
    }

    [Benchmark(OperationsPerInvoke = AddsPerInvoke)]
    public void Add() => RunProducers(_add!);

    [Benchmark(Baseline = true, OperationsPerInvoke = AddsPerInvoke)]
    public void CopyFloor() => RunProducers(_copy!);

    [Benchmark(OperationsPerInvoke = AddsPerInvoke)]
    public void CopyAndSequenceFloor() => RunProducers(_copyAndSequence!);

    /// <summary>
    /// Runs <paramref name="work"/> over the next <see cref="AddsPerInvoke"/> events, split over the producers, and keeps
    /// the producing threads' CPU time for the invocation (see <see cref="SaveCpu"/>).
    /// </summary>
    private void RunProducers(ProducerWork work)
    {
        long mainCpu = ProcessCpu.ThreadNanoseconds();
        if (Producers == 1)
        {
            work(0, _next, AddsPerInvoke);
            ProcessCpu.Sample(ProcessCpu.ThreadNanoseconds() - mainCpu);
        }
        else
        {
            const int half = AddsPerInvoke / 2;
            _helperStart = _next + half;
            _helperWork = work;
            _done.Reset();
            if (!_armed)
                ArmHelper(); // only if a call came without its iteration setup
            _armed = false;
            _start = true;
            work(0, _next, half);
            mainCpu = ProcessCpu.ThreadNanoseconds() - mainCpu;
            _done.Wait();
            ProcessCpu.Sample(mainCpu + _helperCpu);
        }
        _next += AddsPerInvoke;
    }

    [GlobalCleanup(Target = nameof(Add))]
    public void SaveAddCpu() => SaveCpu(nameof(Add));

    [GlobalCleanup(Target = nameof(CopyFloor))]
    public void SaveCopyFloorCpu() => SaveCpu(nameof(CopyFloor));

    [GlobalCleanup(Target = nameof(CopyAndSequenceFloor))]
    public void SaveCopyAndSequenceFloorCpu() => SaveCpu(nameof(CopyAndSequenceFloor));

    /// <summary>
    /// Writes the invocations' CPU time of the producing threads (summed over both with 2 producers) where the host reads
    /// it: what each method takes from the producers, leaving out the time they waited for a core the writer held.
    /// </summary>
    private void SaveCpu(string method)
    {
        ProcessCpu.Save(nameof(ProducerBenchmarks), method, Producers);
        GlobalCleanup();
    }

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
            _armed = true;
            while (!_start && !_stop)
                Thread.SpinWait(10);
            if (_stop)
                return;
            _start = false;
            long cpu = ProcessCpu.ThreadNanoseconds();
            _helperWork!(1, _helperStart, AddsPerInvoke / 2);
            _helperCpu = ProcessCpu.ThreadNanoseconds() - cpu;
            _done.Set();
        }
    }
}
