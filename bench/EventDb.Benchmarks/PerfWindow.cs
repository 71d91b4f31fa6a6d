namespace EventDb.Benchmarks;

/// <summary>
/// Limits a <c>perf record</c> to the measured spans of <c>--quick</c>: when EVENTDB_PERF_CONTROL names perf's control
/// FIFO (and EVENTDB_PERF_ACK its acknowledgement FIFO), each span enables perf's events at its start and disables them at
/// its end, so setup, the trace pool and the row counts stay out of the profile. Start perf with <c>-D -1</c> and
/// <c>--control fifo:CTL,ACK</c>; docs/performance.md has the command. EVENTDB_PERF_SKIP=K leaves the first K spans
/// out (the first rounds run code the JIT has not optimized yet).
/// </summary>
internal static class PerfWindow
{
    private static readonly Lazy<(StreamWriter Control, StreamReader Ack)?> s_fifos = new(Open);

    private static int s_skip = int.TryParse(Environment.GetEnvironmentVariable("EVENTDB_PERF_SKIP"), out int skip) ? skip : 0;
    private static bool s_enabled;

    public static void Enable()
    {
        if (s_skip-- > 0)
            return;
        s_enabled = true;
        Send("enable");
    }

    public static void Disable()
    {
        if (!s_enabled)
            return;
        s_enabled = false;
        Send("disable");
    }

    private static void Send(string command)
    {
        if (s_fifos.Value is not var (control, ack))
            return;
        control.WriteLine(command);
        control.Flush();
        ack.ReadLine(); // perf answers "ack" once the events are switched
    }

    private static (StreamWriter, StreamReader)? Open()
    {
        if (Environment.GetEnvironmentVariable("EVENTDB_PERF_CONTROL") is not { Length: > 0 } control
            || Environment.GetEnvironmentVariable("EVENTDB_PERF_ACK") is not { Length: > 0 } ack)
            return null;
        return (new StreamWriter(File.OpenWrite(control)), new StreamReader(File.OpenRead(ack)));
    }
}
