namespace EventDb.Export;

/// <summary>What a <see cref="Campaign"/> may read besides its corpus, and how much memory its queries may use.</summary>
public sealed record CampaignOptions
{
    /// <summary>
    /// Directories and files a query may read besides the corpus (a CSV to join with, say): the command's
    /// <c>--allow-path</c>. Relative paths are taken from the current directory; each must exist. Nothing else outside
    /// the corpus can be read, whatever the SQL asks.
    /// </summary>
    public IReadOnlyList<string> AllowedPaths { get; init; } = [];

    /// <summary>
    /// DuckDB's memory limit for the campaign's queries, such as <c>"4GB"</c> (null: DuckDB's own, 80% of the RAM).
    /// Beyond it, a query's work spills to the campaign's own temporary directory.
    /// </summary>
    public string? MemoryLimit { get; init; }
}
