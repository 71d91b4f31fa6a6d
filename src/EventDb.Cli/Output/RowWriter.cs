namespace EventDb.Cli.Output;

/// <summary>
/// Prints the rows of a query or a table as they are read, one at a time: memory stays the same whatever the row count
/// (the aligned table holds at most its first <see cref="AlignedTableWriter.MeasuredRows"/> rows to size its columns).
/// Values are SQLite's (<see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="byte"/>[] or null) and
/// <see cref="Literal"/>s, the values of other engines that SQLite has no class for (exact numbers beyond 64 bits, booleans,
/// nested values).
/// </summary>
internal abstract class RowWriter(OutputSink sink)
{
    protected OutputSink Sink { get; } = sink;

    public static RowWriter Create(RowFormat format, OutputSink sink, bool color) => format switch
    {
        RowFormat.Csv => new CsvWriter(sink),
        RowFormat.Json => new JsonRowWriter(sink, lines: false),
        RowFormat.Jsonl => new JsonRowWriter(sink, lines: true),
        _ when sink.IsTerminal => new AlignedTableWriter(sink, color),
        _ => new PlainTableWriter(sink),
    };

    /// <summary>The result's column names, before any row.</summary>
    public abstract void Begin(IReadOnlyList<string> columns);

    public abstract void Row(ReadOnlySpan<object?> values);

    /// <summary>Nothing more for now (a follow waits for a writer): show what was printed so far.</summary>
    public virtual void Pause() => Sink.Flush();

    /// <summary>The last row was printed.</summary>
    public virtual void End() => Sink.Flush();
}
