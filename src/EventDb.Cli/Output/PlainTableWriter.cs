namespace EventDb.Cli.Output;

/// <summary>
/// The <c>table</c> format in a pipe: a header line of column names, then one line per row, values separated by tabs,
/// NULL as nothing, with <c>\</c>, tab, newline and carriage return escaped so that a row is always one line.
/// </summary>
internal sealed class PlainTableWriter(OutputSink sink) : RowWriter(sink)
{
    public override void Begin(IReadOnlyList<string> columns)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (i > 0)
                Sink.WriteByte((byte)'\t');
            Sink.Write(CellText.Of(columns[i], "", onTerminal: false));
        }
        Sink.WriteByte((byte)'\n');
    }

    public override void Row(ReadOnlySpan<object?> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
                Sink.WriteByte((byte)'\t');
            Sink.Write(CellText.Of(values[i], "", onTerminal: false));
        }
        Sink.WriteByte((byte)'\n');
    }
}
