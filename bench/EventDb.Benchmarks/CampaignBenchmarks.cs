using BenchmarkDotNet.Attributes;
using EventDb.Export;
using EventDb.Penguin;
using SQLitePCL;
using CorpusCampaign = EventDb.Export.Campaign;

namespace EventDb.Benchmarks;

/// <summary>
/// A cross-run aggregate (syscalls per name over 20 runs, issue 14): DuckDB over the exported corpus against the same
/// GROUP BY on each of the 20 SQLite files in turn and the counts summed (the baseline). <see cref="Campaign"/> opens
/// what it reads each iteration, as the baseline opens each file: DuckDB's start and the views (every file's footer
/// read) are in it, which is what <c>eventdb campaign</c> pays. <see cref="CampaignSession"/> is the query alone on a
/// campaign kept open, what a library user pays for a second query. The goal: the corpus at least 5x faster.
/// </summary>
[Config(typeof(BenchConfigs.Campaign))]
public class CampaignBenchmarks
{
    private const string Aggregate = "SELECT name, count(*) FROM syscall GROUP BY name";
    private string _directory = "";
    private string _corpus = "";
    private List<string> _files = [];
    private CorpusCampaign? _session;

    /// <summary>Runs in the campaign.</summary>
    [Params(20)]
    public int Runs { get; set; }

    /// <summary>
    /// Workload events per run (about 90% of them syscalls). At 20,000 the campaign's fixed cost (DuckDB's start, the
    /// views reading 140 footers: about 80 ms on the 2-core machine) is most of its time and the ratio was 2.4x; at
    /// 100,000 the baseline's per-row work dominates, as it does in real campaigns.
    /// </summary>
    [Params(100_000)]
    public int EventsPerRun { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _ = Workload.Indices;
        // BenchmarkDotNet runs each method in a process of its own: the runs and the corpus are built by the first and
        // reused by the others of the same host run (writing and exporting them is most of this class's time).
        _directory = Workload.SharedScratchDirectory($"campaign-{Runs}x{EventsPerRun}");
        _corpus = Path.Combine(_directory, "corpus");
        _files = [.. Enumerable.Range(0, Runs).Select(r => Path.Combine(_directory, $"run-{r:D2}", EventFile.DefaultFileName))];
        var complete = Path.Combine(_directory, "complete");
        if (!File.Exists(complete))
        {
            Build();
            File.WriteAllText(complete, "");
        }
        var fromFiles = CountsFromFiles();
        var fromCorpus = CountsFromCorpus();
        if (fromFiles.Count != fromCorpus.Count || fromFiles.Any(p => fromCorpus.GetValueOrDefault(p.Key) != p.Value))
            throw new InvalidOperationException("The corpus and the SQLite files give different counts.");
        _session = CorpusCampaign.Open(_corpus);
    }

    private void Build()
    {
        var runs = _files.Select(f => Path.GetDirectoryName(f)!).ToList();
        for (int r = 0; r < Runs; r++)
        {
            Workload.DeleteScratch(runs[r]);
            Directory.CreateDirectory(runs[r]);
            var logger = EventLogger.Open(Workload.LoggerOptions(runs[r], EventFile.DefaultFileName));
            Workload.AddRange(logger, (long)r * EventsPerRun, EventsPerRun); // each run a different stretch of the trace
            logger.Dispose();
        }
        var results = CorpusExporter.ExportAsync(runs, _corpus, new ExportOptions { Schemas = PenguinTables.All, Force = true }).GetAwaiter().GetResult();
        if (results.FirstOrDefault(r => r.Status != ExportStatus.Exported) is { } failed)
            throw new InvalidOperationException($"{failed.RunId}: {failed.Error}");
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _session?.Dispose();
        if (!Workload.SharedScratchIsHostOwned)
            Workload.DeleteScratch(_directory);
    }

    [Benchmark(Baseline = true)]
    public long SqliteFiles() => CountsFromFiles().Values.Sum();

    [Benchmark]
    public long Campaign()
    {
        using var campaign = CorpusCampaign.Open(_corpus);
        return Counts(campaign).Values.Sum();
    }

    [Benchmark]
    public long CampaignSession() => Counts(_session!).Values.Sum();

    private Dictionary<string, long> CountsFromFiles()
    {
        Batteries_V2.Init();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var path in _files)
        {
            if (raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null) != raw.SQLITE_OK)
                throw new InvalidOperationException($"cannot open {path}");
            using (db)
            {
                if (raw.sqlite3_prepare_v2(db, Aggregate, out var statement) != raw.SQLITE_OK)
                    throw new InvalidOperationException(raw.sqlite3_errmsg(db).utf8_to_string());
                using (statement)
                {
                    while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                    {
                        var name = raw.sqlite3_column_text(statement, 0).utf8_to_string();
                        counts[name] = counts.GetValueOrDefault(name) + raw.sqlite3_column_int64(statement, 1);
                    }
                }
            }
        }
        return counts;
    }

    private Dictionary<string, long> CountsFromCorpus()
    {
        using var campaign = CorpusCampaign.Open(_corpus);
        return Counts(campaign);
    }

    private static Dictionary<string, long> Counts(CorpusCampaign campaign)
    {
        using var rows = campaign.Query(Aggregate);
        return rows.ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }
}
