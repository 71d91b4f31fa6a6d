using System.Globalization;
using EventDb;
using EventDb.Penguin;

// The writer the eventdb tests follow. Event k (from 1) is a write (fd k) when k is a multiple of 5, else a syscall
// sys_step with retno k and arg0 k, all from process "writer": the tests write the lines they expect from Penguin's rules.
// It writes BATCH events and commits them, prints "FLUSHED n" (events 1..n are committed), waits for a line on standard
// input, then writes the other BATCHES-1 batches, each committed and followed by "FLUSHED n" and a pause of DELAY ms,
// and prints "DONE".
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: EventDb.Cli.WriterChild DIR BATCHES BATCH DELAY_MS");
    return 2;
}
int batches = int.Parse(args[1], CultureInfo.InvariantCulture);
int batch = int.Parse(args[2], CultureInfo.InvariantCulture);
int delay = int.Parse(args[3], CultureInfo.InvariantCulture);
using var logger = EventLogger.Open(new EventLoggerOptions { Directory = args[0], Tables = PenguinTables.All, FlushInterval = TimeSpan.FromHours(1) });
long k = 0;
for (int b = 0; b < batches; b++)
{
    for (int i = 0; i < batch; i++)
    {
        k++;
        if (k % 5 == 0)
            logger.Add(new Write { Fd = k, Fname = "/dev/step", Buffer = [(byte)'x'], Procname = "writer" });
        else
            logger.Add(new Syscall { Name = "sys_step", Retno = k, RetnoRepr = "ok", Arg0 = (ulong)k, Arg0Repr = "n", Procname = "writer" });
    }
    logger.Flush();
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FLUSHED {k}"));
    Console.Out.Flush();
    if (b == 0)
        Console.In.ReadLine();
    else
        Thread.Sleep(delay);
}
Console.Out.WriteLine("DONE");
return 0;
