namespace EventDb.Cli.Output;

/// <summary>How <c>query</c> and <c>tail</c> print rows (<c>--format</c>).</summary>
internal enum RowFormat
{
    /// <summary>Aligned columns on a terminal; tab-separated lines with a header line when piped.</summary>
    Table,

    /// <summary>Exactly what <c>sqlite3 -csv -header</c> prints.</summary>
    Csv,

    /// <summary>One JSON array of objects.</summary>
    Json,

    /// <summary>One JSON object per line.</summary>
    Jsonl,
}
