using BenchmarkDotNet.Attributes;
using EventDb.Export;
using EventDb.Export.Internals;
using EventDb.Penguin;
using SQLitePCL;

namespace EventDb.Benchmarks;

/// <summary>
/// Exporting one run to Parquet (issue 14) against the floor of any export: a raw SQLitePCLRaw scan of the same rows
/// (the SELECT the SQLite storage writes for the exporter's read of each table, every column read into .NET values:
/// integers, a string per text, an array per blob).
/// The goal is that exporting costs no more than reading SQLite does: export rows/s >= 1.0x the scan's (issue 19).
/// </summary>
[Config(typeof(BenchConfigs.Export))]
[MemoryDiagnoser]
public class ExportBenchmarks
{
    private string _directory = "";
    private string _run = "";
    private string _corpus = "";
    private List<string> _selects = [];

    /// <summary>Workload events in the run (each a base row and a child row: 2N rows are exported).</summary>
    [Params(100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _ = Workload.Indices;
        _directory = Workload.ScratchDirectory("export");
        _run = Path.Combine(_directory, "run-0001");
        _corpus = Path.Combine(_directory, "corpus");
        Directory.CreateDirectory(_run);
        var logger = EventLogger.Open(Workload.LoggerOptions(_run, EventFile.DefaultFileName));
        Workload.AddRange(logger, 0, N);
        logger.Dispose();
        using var file = EventFile.OpenRead(_run);
        _selects = [.. TablePlanner.Plan(file, PenguinTables.All.Concat(PenguinTables.All.Select(t => t.Base!)).DistinctBy(t => t.Name).ToDictionary(t => t.Name))
            .Where(p => p.Rows > 0).Select(p => SqliteSql.Select(p.WholeRead()))];
        long scanned = SqliteScan(), exported = Export();
        if (scanned != exported || scanned != 2L * N)
            throw new InvalidOperationException($"The scan read {scanned} rows and the export wrote {exported}; expected {2L * N}.");
    }

    [IterationSetup]
    public void IterationSetup() => Workload.DeleteScratch(_corpus);

    [GlobalCleanup]
    public void GlobalCleanup() => Workload.DeleteScratch(_directory);

    /// <summary>The bytes of the Parquet files the last <see cref="Export"/> wrote.</summary>
    public long CorpusBytes() =>
        Directory.EnumerateFiles(_corpus, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    /// <summary>The floor: SQLitePCLRaw, the exporter's SELECTs, every value read into a .NET value.</summary>
    [Benchmark(Baseline = true)]
    public long SqliteScan() => RawScan.Rows(Path.Combine(_run, EventFile.DefaultFileName), _selects);

    /// <summary>The export: every table of the run into a fresh corpus (zstd Parquet, synced, renamed into place).</summary>
    [Benchmark]
    public long Export()
    {
        var results = CorpusExporter.ExportAsync([_run], _corpus, new ExportOptions { Schemas = PenguinTables.All, Parallelism = 1, Force = true })
            .GetAwaiter().GetResult();
        return results[0].Status == ExportStatus.Exported ? results[0].Rows : throw new InvalidOperationException(results[0].Error);
    }
}

/// <summary>A raw scan: SQLitePCLRaw stepping each SELECT, each column read into a .NET value as a reader would.</summary>
public static class RawScan
{
    public static long Rows(string path, IEnumerable<string> selects)
    {
        Batteries_V2.Init();
        Check(raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null), "open");
        using (db)
        {
            long rows = 0, checksum = 0;
            foreach (var select in selects)
            {
                Check(raw.sqlite3_prepare_v2(db, select, out var statement), "prepare");
                using (statement)
                {
                    int columns = raw.sqlite3_column_count(statement);
                    while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                    {
                        for (int i = 0; i < columns; i++)
                        {
                            checksum += raw.sqlite3_column_type(statement, i) switch
                            {
                                raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, i),
                                raw.SQLITE_FLOAT => (long)raw.sqlite3_column_double(statement, i),
                                raw.SQLITE_TEXT => raw.sqlite3_column_text(statement, i).utf8_to_string().Length,
                                raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, i).ToArray().Length,
                                _ => 0,
                            };
                        }
                        rows++;
                    }
                }
            }
            GC.KeepAlive(checksum);
            return rows;
        }
    }

    private static void Check(int rc, string what)
    {
        if (rc != raw.SQLITE_OK)
            throw new InvalidOperationException($"{what} failed: SQLite code {rc}");
    }
}
