using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EventDb.Cli.Output;
using EventDb.Cli.Terminal;
using EventDb.Export;
using EventDb.Penguin;

namespace EventDb.Cli.Commands.Corpus;

/// <summary>
/// <c>eventdb export RUN... --to CORPUS [--run-id ID] [--force]</c>: exports runs into a Parquet corpus
/// (<see cref="CorpusExporter"/>, docs/campaign.md), a line per run and a summary on standard output, failed runs on
/// standard error, and a progress bar there when it is a terminal. SIGINT or SIGTERM stops it between row groups.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console, HelpExamples examples, CancellationToken stop)
    {
        var runs = new Argument<string[]>("RUN") { Description = "Run directories (holding plugins.db) or database files", Arity = ArgumentArity.OneOrMore };
        var to = new Option<string>("--to") { Description = "The corpus directory (created when missing)", HelpName = "CORPUS", Required = true };
        var runId = new Option<string?>("--run-id") { Description = "The run id, for a single run (default: the run directory's name)", HelpName = "ID" };
        var force = new Option<bool>("--force") { Description = "Export again even when the run is unchanged since its last export" };
        var command = new Command("export", "Export runs to a Parquet corpus: CORPUS/table=<table>/run=<run id>/part-<n>.parquet.") { runs, to, runId, force };
        command.SetAction(parse => Run(parse.GetValue(runs)!, parse.GetValue(to)!, parse.GetValue(runId), parse.GetValue(force), console, stop));
        return examples.Add(command,
            "eventdb export results/run-0001 results/run-0002 --to corpus",
            "eventdb export results/*/ --to /data/corpus",
            "eventdb export plugins.db --run-id firmware-42 --to corpus");
    }

    private static int Run(string[] runs, string corpus, string? runId, bool force, CliConsole console, CancellationToken stop)
    {
        if (string.IsNullOrWhiteSpace(corpus))
            throw CliException.Usage("export: give the corpus directory with --to.");
        using var signal = new StopSignal(endAfter: null, stop); // it stops between row groups and removes what it began
        using var bar = console.IsTerminal && !Console.IsErrorRedirected ? new ExportProgressBar(console.Error, runs.Length) : null;
        var options = new ExportOptions
        {
            RunId = runId,
            Force = force,
            Schemas = PenguinTables.All, // typed from the compiled model (ulong columns as UINT64) when a table matches
            Progress = bar is null ? null : bar.Report,
        };
        var started = Stopwatch.StartNew();
        IReadOnlyList<RunExportResult> results;
        try
        {
            results = CorpusExporter.ExportAsync(runs, corpus, options, signal.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new CliException("export cancelled; runs already exported stay in the corpus, the others are not in it.", ExitCodes.Cancelled);
        }
        catch (ArgumentException ex)
        {
            throw CliException.Usage(ex); // a bad run id, two runs with one id
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage(ex.Message); // a corpus another export holds or that cannot be written
        }
        finally
        {
            bar?.Dispose();
        }
        int exit = ExitCode(results);
        try
        {
            Print(results, corpus, started.Elapsed, console);
        }
        catch (OutputClosedException ex) when (ex.ReaderWentAway)
        {
            // The corpus is written: a reader that stopped reading the report changes nothing, nor hides a failed run.
        }
        return exit;
    }

    private static int ExitCode(IReadOnlyList<RunExportResult> results) =>
        results.All(r => r.Status is ExportStatus.Exported or ExportStatus.Skipped) ? ExitCodes.Ok : ExitCodes.Error;

    /// <summary>A line per run (failures on standard error, as errors), then the summary.</summary>
    private static void Print(IReadOnlyList<RunExportResult> results, string corpus, TimeSpan elapsed, CliConsole console)
    {
        using var output = OutputSink.StandardOutput(console);
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
                    Cli.ReportError(console.Error, $"failed {result.RunId}: {result.Error}");
                    break;
            }
        }
        int exported = results.Count(r => r.Status == ExportStatus.Exported), skipped = results.Count(r => r.Status == ExportStatus.Skipped);
        int failed = results.Count - exported - skipped;
        long rows = results.Where(r => r.Status == ExportStatus.Exported).Sum(r => r.Rows);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{results.Count} runs: {exported} exported, {skipped} skipped, {failed} failed; {rows:N0} rows written in {elapsed.TotalSeconds:F1} s into {Path.GetFullPath(corpus)}"));
        output.Flush();
    }
}
