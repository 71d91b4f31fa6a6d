using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using EventDb;
using EventDb.Demo;
using EventDb.Penguin;

// The main job: write a realistic rehosting trace into DIR/plugins.db, as a Penguin run would.
DemoOptions options;
try
{
    options = DemoOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine(DemoOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(DemoOptions.Usage);
    return 0;
}

try
{
    return options.SoakSeconds is { } soakSeconds ? Soak.Run(options, soakSeconds) : WriteTrace(options);
}
catch (Exception ex) when (ex is EventDbException or IOException or UnauthorizedAccessException)
{
    // What went wrong, in one line: the file, the lock, the disk. A stack trace would only hide it.
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}

static int WriteTrace(DemoOptions options)
{
    // SIGTERM (docker stop, timeout, a job scheduler) and Ctrl-C stop the producers; what they added is written, the
    // summary printed, and the exit code is the conventional 128 + signal number.
    using var stop = new CancellationTokenSource();
    int signal = 0;
    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        signal = context.Signal == PosixSignal.SIGINT ? 2 : 15;
        stop.Cancel();
    }
    using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

    var trace = new PenguinTrace(seed: 42);
    var loggerOptions = new EventLoggerOptions { Directory = options.OutputDirectory, Tables = PenguinTables.All };
    var stopwatch = Stopwatch.StartNew();
    long written;
    string path;
    using (var logger = EventLogger.Open(loggerOptions))
    {
        path = logger.FilePath;
        using var progress = Console.IsErrorRedirected ? null : new Progress(logger, options.Events);
        var producers = new Thread[options.Producers];
        for (int p = 0; p < producers.Length; p++)
        {
            int producer = p;
            producers[p] = new Thread(() =>
            {
                // Producer p adds events p, p+K, p+2K, ... of the trace: together they add the first N, once each.
                try
                {
                    for (long i = producer; i < options.Events && !stop.IsCancellationRequested; i += options.Producers)
                        trace.AddTo(logger, i);
                }
                catch (ObjectDisposedException)
                {
                    // stopped while waiting in Add for room (see below): that event was not accepted
                }
            }) { Name = $"producer {p}" };
            producers[p].Start();
        }
        foreach (var producer in producers)
        {
            // After a stop, a producer may still wait in Add for room the writer cannot make (its file vanished, a
            // lock is held): disposing the logger commits what was accepted and releases it.
            while (!producer.Join(100))
            {
                if (stop.IsCancellationRequested && !producer.Join(1000))
                    logger.Dispose();
            }
        }
        logger.Dispose();
        written = logger.WrittenEvents;
    }
    stopwatch.Stop();

    var file = new FileInfo(path);
    var wal = new FileInfo(path + "-wal");
    double seconds = stopwatch.Elapsed.TotalSeconds;
    string stopped = signal == 0 ? "" : $" (stopped by {(signal == 2 ? "SIGINT" : "SIGTERM")})";
    // Another connection open at the close keeps the file in WAL mode, and the newest rows in the -wal file.
    string inWal = wal.Exists && wal.Length > 0 ? $", plus {wal.Length / 1048576.0:F1} MiB in {wal.Name} (another connection had the file open)" : "";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Wrote {written:N0} events in {seconds:F2} s ({written / seconds:N0} events/s) with {options.Producers} producer(s){stopped}; {file.FullName} is {file.Length / 1048576.0:F1} MiB{inWal}."));

    if (options.Verify)
    {
        var problems = DemoVerifier.Verify(file.FullName);
        foreach (var problem in problems)
            Console.Error.WriteLine($"verify: {problem}");
        if (problems.Count > 0)
            return 1;
        Console.WriteLine("Verified: integrity_check ok; every event row has exactly one child row of its type.");
    }
    return signal == 0 ? 0 : 128 + signal;
}
