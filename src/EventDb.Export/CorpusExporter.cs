using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using EventDb.Export.Internals;

namespace EventDb.Export;

/// <summary>
/// Exports runs (each an EventDb or Penguin SQLite file) into a Parquet corpus partitioned by table and run:
/// <c>CORPUS/table=TABLE/run=RUN/part-NNNN.parquet</c>, one flat row per event (a child table's rows joined with their
/// base columns), zstd-compressed, the SQLite types kept. DuckDB (<see cref="Campaign"/>), Spark and Trino read it.
/// </summary>
/// <remarks>
/// A run's files are written under <c>CORPUS/_tmp</c> and renamed into place only once all of them are complete and
/// synced, so an export that fails or is killed leaves no partial partition where readers look. A run whose source
/// file (and WAL) has the size and modification time its last export recorded is skipped.
/// </remarks>
public static class CorpusExporter
{
    /// <summary>
    /// Exports <paramref name="runs"/> (directories holding <c>plugins.db</c>, or SQLite files) into
    /// <paramref name="corpus"/>, up to <see cref="ExportOptions.Parallelism"/> at once. A run that cannot be exported
    /// is reported as <see cref="ExportStatus.Failed"/>; the others go on.
    /// </summary>
    /// <returns>One result per run, in the order given.</returns>
    /// <exception cref="ArgumentException">Two runs have the same run id, or a run id cannot name a partition.</exception>
    /// <exception cref="IOException">Another export is writing to the corpus, or it cannot be written (read-only, no permission).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; runs already published stay.</exception>
    public static async Task<IReadOnlyList<RunExportResult>> ExportAsync(
        IEnumerable<string> runs, string corpus, ExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(corpus);
        options ??= new ExportOptions();
        var arguments = runs.ToList();
        options.Validate(arguments.Count);
        var sources = arguments.Select(r => RunSource.Resolve(r, options.RunId)).ToList();
        foreach (var source in sources)
        {
            if (RunSource.CheckRunId(source.RunId) is { } problem)
                throw new ArgumentException($"{source.Argument}: {problem}", nameof(runs));
        }
        foreach (var clash in sources.GroupBy(s => s.RunId, StringComparer.Ordinal).Where(g => g.Count() > 1))
            throw new ArgumentException($"Run id '{clash.Key}' is given by {string.Join(" and ", clash.Select(s => s.Argument))}; give each run its own id.", nameof(runs));

        var known = KnownTables(options.Schemas);
        var settings = Settings(options);
        using var layout = CorpusLayout.Open(corpus);
        var results = new RunExportResult[sources.Count];
        int next = -1;
        // Each worker is a thread of its own: it blocks on SQLite reads, and the row-group writes it starts need the
        // thread pool free.
        var workers = Enumerable.Range(0, Math.Min(options.Parallelism, Math.Max(sources.Count, 1))).Select(_ => Task.Factory.StartNew(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < sources.Count && !cancellationToken.IsCancellationRequested)
                results[i] = ExportRun(sources[i], layout, known, settings, options, cancellationToken);
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return results;
    }

    private static RunExportResult ExportRun(RunSource source, CorpusLayout layout, IReadOnlyDictionary<string, EventTableSchema> known,
        string settings, ExportOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        string? temporary = null;
        try
        {
            if (!File.Exists(source.DatabasePath))
                throw new ExportException(Directory.Exists(source.Argument)
                    ? $"{source.Argument}: there is no {EventFile.DefaultFileName} in it."
                    : $"{source.Argument}: there is no such directory or file.");
            // The stamp is taken before reading: a write during the export changes it, and the next export sees that.
            var stamp = source.Stamp();
            var previous = Manifest.TryRead(layout.ManifestPath(source.RunId));
            if (!options.Force && previous is not null && previous.SourceStamp == stamp && previous.Settings == settings
                && previous.Tables.All(t => t.Files.All(f => File.Exists(Path.Combine(layout.PartitionPath(t.Name, source.RunId), f)))))
            {
                var tables = previous.Tables.Select(t => Result(t, source.RunId)).ToList();
                options.Progress?.Invoke(new ExportProgress(source.RunId, null, 0, 0, ExportStatus.Skipped));
                return new RunExportResult(source.RunId, source.DatabasePath, ExportStatus.Skipped, tables, null, started.Elapsed);
            }

            temporary = layout.NewTemporary(source.RunId);
            var written = WriteRun(source, temporary, known, options, cancellationToken);
            var manifest = new Manifest(Manifest.CurrentFormat, source.RunId, source.DatabasePath, stamp, settings, DateTime.UtcNow, written);
            layout.Publish(source.RunId, temporary, written.Select(t => t.Name), manifest);
            long rows = written.Sum(t => t.Rows);
            options.Progress?.Invoke(new ExportProgress(source.RunId, null, rows, rows, ExportStatus.Exported));
            return new RunExportResult(source.RunId, source.DatabasePath, ExportStatus.Exported,
                [.. written.Select(t => Result(t, source.RunId))], null, started.Elapsed);
        }
        catch (Exception ex) when (ex is ExportException or EventDbException or IOException or UnauthorizedAccessException or InvalidOperationException or NotSupportedException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            options.Progress?.Invoke(new ExportProgress(source.RunId, null, 0, 0, ExportStatus.Failed));
            return new RunExportResult(source.RunId, source.DatabasePath, ExportStatus.Failed, [], ex.Message, started.Elapsed);
        }
        catch (OperationCanceledException)
        {
            return new RunExportResult(source.RunId, source.DatabasePath, ExportStatus.Failed, [], "cancelled", started.Elapsed);
        }
        finally
        {
            if (temporary is not null)
                CorpusLayout.DeleteQuietly(temporary);
        }
    }

    /// <summary>Writes every non-empty table of the run into <c>temporary/table=T/</c>, reading the file in one read transaction.</summary>
    private static List<ManifestTable> WriteRun(RunSource source, string temporary, IReadOnlyDictionary<string, EventTableSchema> known,
        ExportOptions options, CancellationToken cancellationToken)
    {
        using var file = EventFile.OpenRead(source.DatabasePath);
        // One snapshot for every table: a writer's commits during the export are not half in it.
        using var snapshot = file.BeginSnapshot();
        var plans = TablePlanner.Plan(file, known);
        long total = plans.Sum(p => p.Rows), done = 0;
        var written = new List<ManifestTable>();
        // A table's last row group (for most runs' tables, the whole table) is encoded and compressed while the next
        // table is read; the largest goes first, so the most of that work overlaps reading.
        PendingTable? previous = null;
        try
        {
            foreach (var plan in plans.Where(p => p.Rows > 0).OrderByDescending(p => p.Rows * p.Columns.Count))
            {
                var writer = new TableWriter(plan, Path.Combine(temporary, CorpusLayout.TablePrefix + plan.Name), options, cancellationToken);
                long rows;
                try
                {
                    rows = ReadTable(file, plan, writer, source, options, done, total, cancellationToken);
                }
                catch
                {
                    writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    throw;
                }
                done += rows;
                options.Progress?.Invoke(new ExportProgress(source.RunId, plan.Name, done, total, null));
                var before = previous;
                previous = new PendingTable(plan, writer, rows, writer.CompleteAsync());
                if (before is not null)
                    written.Add(before.Finish());
            }
            if (previous is not null)
                written.Add(previous.Finish());
        }
        finally
        {
            // After a failure: the write in flight is awaited and its file closed (Finish and this are both harmless twice).
            previous?.Writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        snapshot.Dispose();
        var order = plans.Select((p, i) => (p.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        return [.. written.OrderBy(t => order[t.Name])];
    }

    /// <summary>Reads one table's rows into <paramref name="writer"/>, reporting each row group read; returns the rows read.</summary>
    private static long ReadTable(EventFile file, TablePlan plan, TableWriter writer, RunSource source, ExportOptions options,
        long done, long total, CancellationToken cancellationToken) =>
        new TableReader(file, plan, writer, source.DatabasePath).Read(
            rows => options.Progress?.Invoke(new ExportProgress(source.RunId, plan.Name, done + rows, total, null)), cancellationToken);

    /// <summary>A table read in full whose last row group may still be being written.</summary>
    private sealed record PendingTable(TablePlan Plan, TableWriter Writer, long Rows, Task Completion)
    {
        /// <summary>Waits for the last write and the file's close (rethrowing their failure); the table as the manifest lists it.</summary>
        public ManifestTable Finish()
        {
            try
            {
                Completion.GetAwaiter().GetResult();
            }
            finally
            {
                Writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            return new ManifestTable(Plan.Name, Rows, Writer.Files);
        }
    }

    private static TableExportResult Result(ManifestTable table, string runId) =>
        new(table.Name, table.Rows, [.. table.Files.Select(f => $"{CorpusLayout.TablePrefix}{table.Name}/{CorpusLayout.RunPrefix}{runId}/{f}")]);

    /// <summary>Every compiled table by name, base tables included.</summary>
    private static Dictionary<string, EventTableSchema> KnownTables(IReadOnlyList<EventTableSchema> schemas)
    {
        var known = new Dictionary<string, EventTableSchema>(StringComparer.Ordinal);
        foreach (var schema in schemas)
        {
            known[schema.Name] = schema;
            if (schema.Base is { } b)
                known.TryAdd(b.Name, b);
        }
        return known;
    }

    /// <summary>
    /// What the files of a run depend on besides its source: the format version, the row-group and file sizes, and the
    /// compiled schemas (a new <c>ulong</c> column changes a type). A change re-exports every run.
    /// </summary>
    private static string Settings(ExportOptions options)
    {
        var text = new StringBuilder($"format={Manifest.CurrentFormat};rowGroup={options.RowGroupSize};rowsPerFile={options.RowsPerFile}");
        foreach (var (name, schema) in KnownTables(options.Schemas).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(';').Append(name).Append('<').Append(schema.Base?.Name).Append('>');
            foreach (var column in schema.Columns)
                text.Append(',').Append(column.Name).Append(':').Append(column.Type).Append(':').Append(column.ClrType);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
