using System.Diagnostics;
using System.Globalization;
using EventDb.Export;

namespace EventDb.Cli.Commands.Corpus;

/// <summary>The export's progress on a terminal: one line redrawn in place, with runs done, rows written and rows per second.</summary>
internal sealed class ExportProgressBar : IDisposable
{
    private const int Width = 30;
    private readonly TextWriter _writer;
    private readonly int _runs;
    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private int _done;
    private long _drawnAt = long.MinValue;
    private bool _disposed;

    public ExportProgressBar(TextWriter writer, int runs)
    {
        _writer = writer;
        _runs = runs;
    }

    public void Report(ExportProgress progress)
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            if (progress.Status is null)
                _rows[progress.RunId] = progress.RowsWritten;
            else
                _done++;
            long now = _clock.ElapsedMilliseconds;
            if (now - _drawnAt < 100 && _done < _runs)
                return;
            _drawnAt = now;
            long rows = _rows.Values.Sum();
            int filled = _runs == 0 ? Width : _done * Width / _runs;
            double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            _writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{_runs} runs  {rows:N0} rows  {rows / seconds:N0} rows/s "));
            _writer.Flush();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            if (_drawnAt != long.MinValue)
            {
                _writer.Write("\r" + new string(' ', Width + 60) + "\r");
                _writer.Flush();
            }
        }
    }
}
