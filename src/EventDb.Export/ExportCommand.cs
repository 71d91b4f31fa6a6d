using System.Diagnostics;
using System.Globalization;

namespace EventDb.Export;

/// <summary>
/// <c>eventdb export RUN... --to CORPUS [--run-id ID]</c>: exports runs into a Parquet corpus, a line per run and a
/// summary on the output, failures on the error writer, and a progress bar there when it is a terminal.
/// </summary>
public static class ExportCommand
{
    /// <summary>Runs the command.</summary>
    /// <param name="runs">Run directories (holding <c>plugins.db</c>) or SQLite files.</param>
    /// <param name="corpus">The corpus directory (created when missing).</param>
    /// <param name="options">Run id, schemas (the CLI passes <c>PenguinTables.All</c>), parallelism, force. Its <see cref="ExportOptions.Progress"/> is replaced.</param>
    /// <param name="output">Where the per-run lines and the summary go.</param>
    /// <param name="error">Where failures and the progress bar go.</param>
    /// <param name="progressBar">Draw a progress bar on <paramref name="error"/> (pass true when it is a terminal).</param>
    /// <param name="cancellationToken">Stops the export; runs already in place stay.</param>
    /// <returns>0 when every run was exported or skipped; 1 when a run failed; 2 for a usage error; 130 when cancelled.</returns>
    public static int Run(IReadOnlyList<string> runs, string corpus, ExportOptions options, TextWriter output, TextWriter error,
        bool progressBar = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (runs.Count == 0)
        {
            error.WriteLine("error: give at least one run (a directory holding plugins.db, or the file).");
            return 2;
        }
        if (string.IsNullOrWhiteSpace(corpus))
        {
            error.WriteLine("error: give the corpus directory with --to.");
            return 2;
        }
        using var bar = progressBar ? new ProgressBar(error, runs.Count) : null;
        var withProgress = new ExportOptions
        {
            RunId = options.RunId,
            Schemas = options.Schemas,
            Parallelism = options.Parallelism,
            Force = options.Force,
            RowGroupSize = options.RowGroupSize,
            RowsPerFile = options.RowsPerFile,
            Progress = bar is null ? null : bar.Report,
        };
        var started = Stopwatch.StartNew();
        IReadOnlyList<RunExportResult> results;
        try
        {
            results = CorpusExporter.ExportAsync(runs, corpus, withProgress, cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            bar?.Dispose();
            error.WriteLine("error: cancelled; runs already exported stay in the corpus, the others are not in it.");
            return 130;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            bar?.Dispose();
            error.WriteLine($"error: {ex.Message}");
            return 2;
        }
        bar?.Dispose();
        return Print(results, corpus, started.Elapsed, output, error);
    }

    /// <summary>A line per run (failures on <paramref name="error"/>), then the summary; the exit code.</summary>
    private static int Print(IReadOnlyList<RunExportResult> results, string corpus, TimeSpan elapsed, TextWriter output, TextWriter error)
    {
        foreach (var result in results)
        {
            string tables = string.Create(CultureInfo.InvariantCulture, $"{result.Tables.Count} tables, {result.Rows:N0} rows");
            switch (result.Status)
            {
                case ExportStatus.Exported:
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {result.RunId}: {tables} in {result.Elapsed.TotalSeconds:F1} s"));
                    break;
                case ExportStatus.Skipped:
                    output.WriteLine($"skipped {result.RunId}: unchanged since its last export ({tables})");
                    break;
                default:
                    error.WriteLine($"failed {result.RunId}: {result.Error}");
                    break;
            }
        }
        int exported = results.Count(r => r.Status == ExportStatus.Exported), skipped = results.Count(r => r.Status == ExportStatus.Skipped);
        int failed = results.Count - exported - skipped;
        long rows = results.Where(r => r.Status == ExportStatus.Exported).Sum(r => r.Rows);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{results.Count} runs: {exported} exported, {skipped} skipped, {failed} failed; {rows:N0} rows written in {elapsed.TotalSeconds:F1} s into {Path.GetFullPath(corpus)}"));
        output.Flush();
        return failed == 0 ? 0 : 1;
    }

    /// <summary>One line redrawn in place: runs done, rows written, rows per second.</summary>
    private sealed class ProgressBar : IDisposable
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

        public ProgressBar(TextWriter writer, int runs)
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
}
