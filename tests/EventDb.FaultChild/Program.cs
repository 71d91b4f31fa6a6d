using System.Globalization;
using System.IO.MemoryMappedFiles;
using EventDb;
using EventDb.Penguin;

// The real processes the fault tests start, signal and kill. Event k is a syscall with arg0 = k (k even) or a write
// with fd = k (k odd), so the parent can check exactly which events are in the file.
const string Usage = """
    usage: EventDb.FaultChild crash DIR [START]
             numbered events from START until killed; after every Flush prints "FLUSHED n" (events below n are committed)
           EventDb.FaultChild produce DIR COUNTFILE [--shutdown-timeout-ms N] [--return-after N]
             numbered events as fast as it can, no signal handling of its own; after each accepted Add the count of
             accepted events is stored in COUNTFILE (8 bytes, memory-mapped, so it survives the process); prints
             "ready" after 10,000. With --return-after N, Main returns after N events while a background thread adds on.
           EventDb.FaultChild hold DIR
             opens a logger on DIR/plugins.db, prints "ready", and keeps it open until standard input closes
           EventDb.FaultChild read-file FILE COPY
             reads FILE as .NET programs do (File.Copy to COPY, File.ReadAllBytes, File.OpenRead, FileStream): prints
             "ok <way> <bytes>" or "failed <way>: <message>" for each, exits 1 if any failed
           EventDb.FaultChild hold-stream FILE
             opens a read-only FileStream on FILE (as a backup tool does), prints "ready", keeps it until standard input closes
           EventDb.FaultChild descriptor-limits DIR
             opens a logger once (so everything it loads is loaded), then opens one under each limit on open descriptors
             (RLIMIT_NOFILE) from two under the number open to 40 over it; per limit prints one line:
             "LIMIT ok|failed TYPE: MESSAGE" and, when descriptors or EventDb threads outlived the attempt, "leaked ..."
    """;

if (args.Length < 2)
{
    Console.Error.WriteLine(Usage);
    return 2;
}
var options = new EventLoggerOptions
{
    Directory = args[1],
    Tables = PenguinTables.All,
    BufferSize = 5_000,
    FlushInterval = TimeSpan.FromMilliseconds(10),
};
var payload = new byte[100];

switch (args[0])
{
    case "crash":
        return Crash(EventLogger.Open(options), args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 0);
    case "produce" when args.Length >= 3:
        return Produce(args[2], args[3..]);
    case "read-file" when args.Length == 3:
        return ReadFile(args[1], args[2]);
    case "hold-stream":
        using (new FileStream(args[1], FileMode.Open, FileAccess.Read))
        {
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            Console.In.ReadToEnd();
        }
        return 0;
    case "hold":
        using (EventLogger.Open(options))
        {
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            Console.In.ReadToEnd();
        }
        return 0;
    case "descriptor-limits":
        return DescriptorLimits();
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}

int DescriptorLimits()
{
    var maximum = DescriptorLimit.Maximum;
    using (var warm = EventLogger.Open(options))
    {
        Add(warm, 0);
        warm.Flush();
    }
    var before = DescriptorLimit.OpenDescriptors();
    for (int limit = before.Count - 2; limit <= before.Count + 40; limit++)
    {
        string outcome;
        EventLogger? logger = null;
        DescriptorLimit.Set((ulong)limit);
        try
        {
            logger = EventLogger.Open(options);
            outcome = "ok";
        }
        catch (Exception ex)
        {
            outcome = "failed " + ex.GetType().Name + ": " + ex.Message.ReplaceLineEndings(" ");
        }
        finally
        {
            DescriptorLimit.Set(maximum);
        }
        if (logger is not null)
        {
            Add(logger, limit);
            logger.Dispose();
        }
        // Assemblies loaded on the way stay open as the runtime keeps them; anything else is a leak.
        var leaked = DescriptorLimit.OpenDescriptors().Except(before).Where(target => !target.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        var threads = DescriptorLimit.EventDbThreads();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{limit} {outcome}")
            + (leaked.Count > 0 || threads.Count > 0 ? " leaked descriptors [" + string.Join(", ", leaked) + "] threads [" + string.Join(", ", threads) + "]" : ""));
    }
    return 0;
}

void Add(EventLogger logger, long k)
{
    if ((k & 1) == 0)
        logger.Add(new Syscall { Name = "fault", Arg0 = (ulong)k, Arg0Repr = "k", Procname = "child", ProcId = Environment.ProcessId });
    else
        logger.Add(new Write { Fd = k, Fname = "/dev/fault", Buffer = payload, Procname = "child", ProcId = Environment.ProcessId });
}

int Crash(EventLogger logger, long start)
{
    const int FlushEvery = 20_000;
    for (long k = start; ; k++)
    {
        Add(logger, k);
        if ((k + 1 - start) % FlushEvery == 0)
        {
            logger.Flush();
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FLUSHED {k + 1}"));
            Console.Out.Flush();
        }
    }
}

int Produce(string countFile, string[] flags)
{
    long returnAfter = long.MaxValue;
    for (int i = 0; i + 1 < flags.Length; i += 2)
    {
        long value = long.Parse(flags[i + 1], CultureInfo.InvariantCulture);
        if (flags[i] == "--shutdown-timeout-ms")
            options = options with { ShutdownTimeout = TimeSpan.FromMilliseconds(value) };
        else if (flags[i] == "--return-after")
            returnAfter = value;
    }
    var logger = EventLogger.Open(options);
    // Never disposed: the producer goes on writing the count while the process exits.
    var map = MemoryMappedFile.CreateFromFile(countFile, FileMode.Create, null, sizeof(long));
    var accepted = map.CreateViewAccessor();
    var producer = new Thread(() =>
    {
        for (long k = 0; ; k++)
        {
            Add(logger, k);
            accepted.Write(0, k + 1);
            if (k + 1 == 10_000)
            {
                Console.Out.WriteLine("ready");
                Console.Out.Flush();
            }
        }
    }) { IsBackground = true, Name = "producer" };
    producer.Start();
    while (accepted.ReadInt64(0) < returnAfter)
        Thread.Sleep(1);
    return 0; // the producer is still adding: the process exit commits what it accepted
}

static int ReadFile(string file, string copy)
{
    (string Way, Func<long> Read)[] ways =
    [
        ("File.Copy", () => { File.Copy(file, copy, overwrite: true); return new FileInfo(copy).Length; }),
        ("File.ReadAllBytes", () => File.ReadAllBytes(file).Length),
        ("File.OpenRead", () => { using var s = File.OpenRead(file); return s.Read(new byte[4096]); }),
        ("FileStream", () => { using var s = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite); return s.Read(new byte[4096]); }),
    ];
    int failed = 0;
    foreach (var (way, read) in ways)
    {
        try
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ok {way} {read()}"));
        }
        catch (IOException ex)
        {
            Console.Out.WriteLine($"failed {way}: {ex.Message}");
            failed++;
        }
    }
    return failed == 0 ? 0 : 1;
}
