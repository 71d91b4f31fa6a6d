namespace EventDb.Export;

/// <summary>What became of one run.</summary>
public enum ExportStatus
{
    /// <summary>Its partitions were written and are in place.</summary>
    Exported,

    /// <summary>Its source is unchanged since its last export: nothing was written.</summary>
    Skipped,

    /// <summary>It could not be exported (see <see cref="RunExportResult.Error"/>); none of its new partitions is visible.</summary>
    Failed,
}

/// <summary>One table of one run, as exported.</summary>
/// <param name="Table">The table name (the <c>table=</c> partition).</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Files">The part files, relative to the corpus, in order.</param>
public sealed record TableExportResult(string Table, long Rows, IReadOnlyList<string> Files);

/// <summary>The outcome of one run.</summary>
/// <param name="RunId">The run id (the <c>run=</c> partition).</param>
/// <param name="Source">The SQLite file read.</param>
/// <param name="Status">Exported, skipped or failed.</param>
/// <param name="Tables">The tables in the corpus for this run (for a skipped run: as its last export wrote them).</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="Elapsed">The time it took.</param>
public sealed record RunExportResult(
    string RunId, string Source, ExportStatus Status, IReadOnlyList<TableExportResult> Tables, string? Error, TimeSpan Elapsed)
{
    /// <summary>Rows across all its tables.</summary>
    public long Rows => Tables.Sum(t => t.Rows);
}

/// <summary>Where one run's export stands, as <see cref="ExportOptions.Progress"/> reports it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Table">The table being written, or null once the run has ended.</param>
/// <param name="RowsWritten">Rows of the run written so far.</param>
/// <param name="TotalRows">Rows of the run to write in all.</param>
/// <param name="Status">Null while the run is exporting; its outcome once it has ended.</param>
public sealed record ExportProgress(string RunId, string? Table, long RowsWritten, long TotalRows, ExportStatus? Status);
