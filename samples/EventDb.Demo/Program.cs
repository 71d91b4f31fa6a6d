using System.Diagnostics;
using System.Globalization;
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
if (options.SoakSeconds is { } soakSeconds)
    return Soak.Run(options, soakSeconds);

var trace = new PenguinTrace(seed: 42);
var loggerOptions = new EventLoggerOptions { Directory = options.OutputDirectory, Tables = PenguinTables.All };
var stopwatch = Stopwatch.StartNew();
long written;
using (var logger = EventLogger.Open(loggerOptions))
{
    using var progress = Console.IsErrorRedirected ? null : new Progress(logger, options.Events);
    var producers = new Thread[options.Producers];
    for (int p = 0; p < producers.Length; p++)
    {
        int producer = p;
        producers[p] = new Thread(() =>
        {
            // Producer p adds events p, p+K, p+2K, ... of the trace: together they add the first N, once each.
            for (long i = producer; i < options.Events; i += options.Producers)
                trace.AddTo(logger, i);
        }) { Name = $"producer {p}" };
        producers[p].Start();
    }
    foreach (var producer in producers)
        producer.Join();
    logger.Dispose();
    written = logger.WrittenEvents;
}
stopwatch.Stop();

var file = new FileInfo(loggerOptions.FilePath);
double seconds = stopwatch.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Wrote {written:N0} events in {seconds:F2} s ({written / seconds:N0} events/s) with {options.Producers} producer(s); {file.FullName} is {file.Length / 1048576.0:F1} MiB."));

if (options.Verify)
{
    var problems = DemoVerifier.Verify(file.FullName);
    foreach (var problem in problems)
        Console.Error.WriteLine($"verify: {problem}");
    if (problems.Count > 0)
        return 1;
    Console.WriteLine("Verified: integrity_check ok; every event row has exactly one child row of its type.");
}
return 0;
