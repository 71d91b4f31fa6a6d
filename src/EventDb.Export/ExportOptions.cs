namespace EventDb.Export;

/// <summary>How <see cref="CorpusExporter.ExportAsync"/> exports runs into a corpus.</summary>
public sealed class ExportOptions
{
    /// <summary>Rows per Parquet row group unless set: what DuckDB writes itself (122,880) rounded up to a power of two.</summary>
    public const int DefaultRowGroupSize = 131_072;

    /// <summary>Rows per part file unless set: 32 row groups.</summary>
    public const int DefaultRowsPerFile = 32 * DefaultRowGroupSize;

    /// <summary>
    /// The run id of the one run exported, instead of the one its path gives. Only with exactly one run. Letters,
    /// digits, <c>.</c>, <c>_</c>, <c>-</c> and <c>+</c>, starting with a letter or digit.
    /// </summary>
    public string? RunId { get; init; }

    /// <summary>
    /// The compiled event types' schemas (for instance <c>PenguinTables.All</c>): a column whose C# type is
    /// <see cref="ulong"/> is exported as UINT64 (the stored bit pattern, reinterpreted), and a table with a base table
    /// is exported as flat rows joined with it. Tables not listed still export, typed from their declared SQL types
    /// (and joined with a base table their <c>id</c> has a foreign key to).
    /// </summary>
    public IReadOnlyList<EventTableSchema> Schemas { get; init; } = [];

    /// <summary>How many runs export at once. Default: the number of cores.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Export every run, even one whose source is unchanged since its last export.</summary>
    public bool Force { get; init; }

    /// <summary>Rows per Parquet row group. Default: <see cref="DefaultRowGroupSize"/>.</summary>
    public int RowGroupSize { get; init; } = DefaultRowGroupSize;

    /// <summary>Rows per part file (<c>part-0000.parquet</c>, <c>part-0001.parquet</c>, ...). Default: <see cref="DefaultRowsPerFile"/>.</summary>
    public long RowsPerFile { get; init; } = DefaultRowsPerFile;

    /// <summary>
    /// Called as runs progress: after each row group written and when a run ends. Called on the exporting threads, so
    /// it must be thread-safe and quick.
    /// </summary>
    public Action<ExportProgress>? Progress { get; init; }

    internal void Validate(int runCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1, nameof(Parallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(RowGroupSize, 1, nameof(RowGroupSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(RowsPerFile, RowGroupSize, nameof(RowsPerFile));
        ArgumentNullException.ThrowIfNull(Schemas, nameof(Schemas));
        if (RunId is not null)
        {
            if (runCount != 1)
                throw new ArgumentException($"A run id names one run, but {runCount} runs were given.");
            if (Internals.RunSource.CheckRunId(RunId) is { } problem)
                throw new ArgumentException(problem);
        }
    }
}
