using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace EventDb.Cli.Terminal;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM as a cancellation, for <c>--follow</c> and <c>export</c>: the first one stops the command.
/// A follow then flushes what it printed and exits 0; if that has not happened within the deadline it was given
/// (<see cref="Grace"/>) — a write waits on a pipe whose reader stopped reading, or <c>--output</c> waits for a named
/// pipe's reader — the process ends from here with 128 + the signal's number (130, 143) and a line saying why: stopping
/// is never held up by the output. An export, given no deadline, stops between row groups and removes what it began.
/// A second signal ends the process the default way.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    /// <summary>How long a stopped follow may take to write what it printed before the process ends without it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly Lock _lock = new();
    private readonly TimeSpan? _endAfter;
    private Timer? _deadline;
    private bool _signalled;
    private bool _disposed;

    /// <param name="endAfter">How long after the signal the process may still take before it ends from here; null: as long as the command takes.</param>
    /// <param name="alsoStopOn">Another reason to stop (the caller's token).</param>
    public StopSignal(TimeSpan? endAfter, CancellationToken alsoStopOn)
    {
        _endAfter = endAfter;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(alsoStopOn);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _stop.Token;

    private void OnSignal(PosixSignalContext context)
    {
        lock (_lock)
        {
            if (_disposed || _signalled)
                return; // the default way: the process ends
            _signalled = true;
            context.Cancel = true;
            var (name, number) = context.Signal == PosixSignal.SIGINT ? ("SIGINT", 2) : ("SIGTERM", 15);
            if (_endAfter is { } endAfter)
                _deadline = new Timer(_ => EndNow(name, number, endAfter), null, endAfter, Timeout.InfiniteTimeSpan);
        }
        _stop.Cancel();
    }

    private static void EndNow(string signal, int number, TimeSpan endAfter)
    {
        // Standard error may be the same stalled pipe (2>&1): a short line only if it takes it without waiting.
        if (Posix.Writable(Posix.StandardError))
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"eventdb: stopped by {signal}; what was printed last could not be written within {endAfter.TotalSeconds:0} s (its reader is not reading), so it is lost.\n");
            _ = Posix.WriteAll(Posix.StandardError, Encoding.UTF8.GetBytes(line));
        }
        Environment.Exit(128 + number);
    }

    /// <summary>The follow has ended and its output is written: signals have their default effect again.</summary>
    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        lock (_lock)
        {
            _disposed = true;
            _deadline?.Dispose();
        }
        _stop.Dispose();
    }
}
