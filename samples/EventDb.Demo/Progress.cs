using System.Diagnostics;
using System.Globalization;

namespace EventDb.Demo;

/// <summary>A live progress line on stderr, redrawn four times a second while the demo runs in a terminal.</summary>
internal sealed class Progress : IDisposable
{
    private readonly EventLogger _logger;
    private readonly long _total;
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly Timer _timer;

    public Progress(EventLogger logger, long total)
    {
        _logger = logger;
        _total = total;
        _timer = new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    private void Draw()
    {
        long written = _logger.WrittenEvents;
        double seconds = Math.Max(_stopwatch.Elapsed.TotalSeconds, 1e-3);
        Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r  added {_logger.AddedEvents,13:N0} / {_total:N0}   written {written,13:N0}   queued {_logger.QueuedEvents,11:N0}   {written / seconds,11:N0} events/s "));
    }

    public void Dispose()
    {
        _timer.Dispose();
        Draw();
        Console.Error.WriteLine();
    }
}
