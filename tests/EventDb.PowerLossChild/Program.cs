using System.Globalization;
using EventDb;
using EventDb.Export;
using EventDb.Penguin;
using EventDb.PowerLoss;

// The processes the power-loss tests run on a LazyFS mount and kill. What each was told (events accepted, flushes that
// returned, commits over time) goes to a record outside the mount (ChildRecord), so the parent can hold the file that
// survives the cut against it.
const string Usage = """
    usage: EventDb.PowerLossChild write DIR RECORD [options]
             prints "OPENED" once the logger is open; then producers add events 0, 1, 2, ... each (EventPlan says
             which table); every producer calls Flush every --flush-every of its events and records it
             --durability normal|full   (default normal)
             --producers K              (default 1)
             --start S0,S1,...          each producer's first sequence number (default 0)
             --events N                 each producer adds N events, then the logger is disposed (a clean close, sealed)
                                        and the child prints "DISPOSED n" and exits; default: until killed
             --flush-every N            (default 3000)
             --notes                    every 100th event a power_note (a column of it that the file lacks is added at Open)
             --new-tables               every 25,000th event in a table that its first event creates
             --wal-restart-kib N        the WAL size past which the writer waits for a checkpoint and starts the WAL over
             --rate N                   each producer adds at most N events a second (default: as fast as it can)
             --hold                     with --events: once every event is committed, keep the logger open, idle, until killed
           EventDb.PowerLossChild export CORPUS RECORD RUN...
             exports the runs in small row groups, one at a time; prints "EXPORTED RUN STATUS ROWS" for each
    """;

try
{
    return args switch
    {
        ["write", var directory, var record, .. var rest] => Write(directory, record, WriteOptions.Parse(rest)),
        ["export", var corpus, var record, .. var runs] when runs.Length > 0 => await Export(corpus, record, runs),
        _ => UsageError(),
    };
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return UsageError();
}

int UsageError()
{
    Console.Error.WriteLine(Usage);
    return 2;
}

static int Write(string directory, string recordPath, WriteOptions options)
{
    using var record = ChildRecord.Open(recordPath);
    record.Pid = Environment.ProcessId;
    IReadOnlyList<EventTableSchema> tables = options.Notes ? [.. PenguinTables.All, PowerNote.Schema] : PenguinTables.All;
    var logger = EventLogger.Open(new EventLoggerOptions
    {
        Directory = directory,
        Tables = tables,
        Durability = options.Durability,
        BufferSize = 5_000,
        FlushInterval = TimeSpan.FromMilliseconds(20),
        WalRestartBytes = options.WalRestartBytes,
    });
    record.Phase = ChildPhase.Opened;
    Console.Out.WriteLine("OPENED"); // a write strace sees: Open had returned by then
    Console.Out.Flush();
    using var sampler = new CommitSampler(logger, record);
    record.Phase = ChildPhase.Writing;
    var producers = new Thread[options.Producers];
    for (int p = 0; p < producers.Length; p++)
    {
        int producer = p;
        producers[p] = new Thread(() => Produce(logger, record, producer, options)) { Name = $"producer {p}" };
        producers[p].Start();
    }
    foreach (var producer in producers)
        producer.Join();
    if (options.Hold)
    {
        logger.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
    record.Phase = ChildPhase.Disposing;
    logger.Dispose();
    sampler.Stop();
    record.Phase = ChildPhase.Disposed;
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DISPOSED {logger.WrittenEvents}"));
    Console.Out.Flush();
    return 0;
}

static void Produce(EventLogger logger, ChildRecord record, int producer, WriteOptions options)
{
    var payload = new byte[100];
    long start = producer < options.Start.Count ? options.Start[producer] : 0;
    long end = options.Events is { } events ? start + events : long.MaxValue;
    long flushEvery = options.FlushEvery + 1_000L * producer; // the producers' flushes fall at different moments
    record.SetAccepted(producer, start);
    record.SetFlushed(producer, start);
    var pace = System.Diagnostics.Stopwatch.StartNew();
    for (long seq = start; seq < end; seq++)
    {
        if (options.Rate is { } rate)
        {
            while (pace.Elapsed.TotalSeconds * rate < seq - start)
                Thread.Sleep(1);
        }
        Add(logger, producer, seq, options, payload);
        record.SetAccepted(producer, seq + 1);
        if ((seq + 1 - start) % flushEvery == 0)
        {
            logger.Flush();
            record.SetFlushed(producer, seq + 1);
        }
    }
}

static void Add(EventLogger logger, int producer, long seq, WriteOptions options, byte[] payload)
{
    switch (EventPlan.TableOf(seq, options.Notes, options.NewTables))
    {
        case "syscall":
            logger.Add(new Syscall { Name = "power", Arg0 = (ulong)seq, Arg0Repr = "seq", Procname = "power", ProcId = producer });
            break;
        case "write":
            logger.Add(new Write { Fd = seq, Fname = "/dev/power", Buffer = payload, Procname = "power", ProcId = producer });
            break;
        case "power_note":
            logger.Add(new PowerNote { Producer = producer, Seq = seq, Comment = "note" });
            break;
        case var table:
            AddToNewTable(logger, table[^1] - '0', producer, seq);
            break;
    }
}

static void AddToNewTable(EventLogger logger, int table, long producer, long seq)
{
    switch (table)
    {
        case 0: logger.Add(new PowerT0 { Producer = producer, Seq = seq }); break;
        case 1: logger.Add(new PowerT1 { Producer = producer, Seq = seq }); break;
        case 2: logger.Add(new PowerT2 { Producer = producer, Seq = seq }); break;
        case 3: logger.Add(new PowerT3 { Producer = producer, Seq = seq }); break;
        case 4: logger.Add(new PowerT4 { Producer = producer, Seq = seq }); break;
        case 5: logger.Add(new PowerT5 { Producer = producer, Seq = seq }); break;
        case 6: logger.Add(new PowerT6 { Producer = producer, Seq = seq }); break;
        default: logger.Add(new PowerT7 { Producer = producer, Seq = seq }); break;
    }
}

static async Task<int> Export(string corpus, string recordPath, string[] runs)
{
    using var record = ChildRecord.Open(recordPath);
    record.Pid = Environment.ProcessId;
    record.Phase = ChildPhase.Exporting;
    var results = await CorpusExporter.ExportAsync(runs, corpus, new ExportOptions
    {
        Schemas = PenguinTables.All,
        RowGroupSize = 2_000,
        Parallelism = 1,
    });
    record.Phase = ChildPhase.Exported;
    foreach (var result in results)
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"EXPORTED {result.RunId} {result.Status} {result.Rows} {result.Error}"));
    Console.Out.Flush();
    return results.Any(r => r.Status == ExportStatus.Failed) ? 1 : 0;
}

/// <summary>The write command's options.</summary>
internal sealed record WriteOptions
{
    public Durability Durability { get; init; }
    public int Producers { get; init; } = 1;
    public IReadOnlyList<long> Start { get; init; } = [];
    public long? Events { get; init; }
    public long FlushEvery { get; init; } = 3_000;
    public bool Notes { get; init; }
    public bool NewTables { get; init; }
    public long WalRestartBytes { get; init; } = 256L * 1024 * 1024;
    public double? Rate { get; init; }
    public bool Hold { get; init; }

    public static WriteOptions Parse(string[] args)
    {
        var options = new WriteOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--durability" => options with { Durability = Enum.Parse<Durability>(Value(), ignoreCase: true) },
                "--producers" => options with { Producers = Math.Clamp(int.Parse(Value(), CultureInfo.InvariantCulture), 1, ChildRecord.MaxProducers) },
                "--start" => options with { Start = [.. Value().Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture))] },
                "--events" => options with { Events = long.Parse(Value(), CultureInfo.InvariantCulture) },
                "--flush-every" => options with { FlushEvery = long.Parse(Value(), CultureInfo.InvariantCulture) },
                "--notes" => options with { Notes = true },
                "--new-tables" => options with { NewTables = true },
                "--wal-restart-kib" => options with { WalRestartBytes = 1024 * long.Parse(Value(), CultureInfo.InvariantCulture) },
                "--rate" => options with { Rate = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--hold" => options with { Hold = true },
                _ => throw new ArgumentException($"unknown option '{args[i]}'."),
            };
        }
        return options;
    }
}

/// <summary>Samples the logger's committed count into the record, about every millisecond, until stopped.</summary>
internal sealed class CommitSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stopping;

    public CommitSampler(EventLogger logger, ChildRecord record)
    {
        _thread = new Thread(() =>
        {
            long last = -1;
            while (!_stopping)
            {
                Sample(logger, record, ref last);
                Thread.Sleep(1);
            }
            Sample(logger, record, ref last);
        }) { IsBackground = true, Name = "commit sampler" };
        _thread.Start();
    }

    private static void Sample(EventLogger logger, ChildRecord record, ref long last)
    {
        long written = logger.WrittenEvents; // read before the time: these were committed by then
        if (written != last && record.AddSample(ChildRecord.UnixMicroseconds(), written))
            last = written;
    }

    public void Stop()
    {
        _stopping = true;
        _thread.Join();
    }

    public void Dispose() => Stop();
}
