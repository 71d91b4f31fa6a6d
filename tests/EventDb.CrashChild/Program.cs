using System.Globalization;
using EventDb;
using EventDb.Penguin;

// Writes numbered events into ARGS[0]/plugins.db until it is killed, starting at k = ARGS[1] (default 0). Event k is
// a syscall with arg0 = k (k even) or a write with fd = k (k odd). Every FlushEvery events it calls Flush() and then
// prints "FLUSHED n": events up to n-1 are committed. The crash test kills this process with SIGKILL at an arbitrary
// point and checks the file.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: EventDb.CrashChild DIR [START]");
    return 2;
}
long start = args.Length == 2 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 0;

const int FlushEvery = 20_000;
var options = new EventLoggerOptions
{
    Directory = args[0],
    Tables = PenguinTables.All,
    BufferSize = 5_000,
    FlushInterval = TimeSpan.FromMilliseconds(10),
};
var logger = EventLogger.Open(options);
var payload = new byte[100];
for (long k = start; ; k++)
{
    if ((k & 1) == 0)
        logger.Add(new Syscall { Name = "crash", Arg0 = (ulong)k, Arg0Repr = "k", Procname = "child", ProcId = Environment.ProcessId });
    else
        logger.Add(new Write { Fd = k, Fname = "/dev/crash", Buffer = payload, Procname = "child", ProcId = Environment.ProcessId });
    if ((k + 1 - start) % FlushEvery == 0)
    {
        logger.Flush();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FLUSHED {k + 1}"));
        Console.Out.Flush();
    }
}
