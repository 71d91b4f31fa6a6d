using EventDb.Cli.Terminal;

namespace EventDb.Cli.Output;

/// <summary>
/// The <c>table</c> format on a terminal: columns sized to the header and the first <see cref="MeasuredRows"/> rows
/// (at most <see cref="MaxColumnWidth"/> wide; longer values are cut with <c>…</c>), numbers right-aligned, the header
/// in bold over a rule, NULL dimmed. Rows after the first ones keep those widths, so nothing is held beyond them.
/// </summary>
internal sealed class AlignedTableWriter(OutputSink sink, bool color) : RowWriter(sink)
{
    public const int MeasuredRows = 100;
    public const int MaxColumnWidth = 60;

    private readonly List<Cell[]> _pending = [];
    private string[] _columns = [];
    private int[]? _widths;

    private readonly record struct Cell(string Text, bool Number, bool Null);

    public override void Begin(IReadOnlyList<string> columns) => _columns = [.. columns];

    public override void Row(ReadOnlySpan<object?> values)
    {
        var cells = new Cell[values.Length];
        for (int i = 0; i < values.Length; i++)
            cells[i] = new Cell(CellText.Of(values[i], "NULL", onTerminal: true), CellText.IsNumber(values[i]), values[i] is null);
        if (_widths is not null)
        {
            Print(cells);
            return;
        }
        _pending.Add(cells);
        if (_pending.Count >= MeasuredRows)
            Measure();
    }

    public override void Pause()
    {
        Measure();
        base.Pause();
    }

    public override void End()
    {
        Measure();
        base.End();
    }

    private void Measure()
    {
        if (_widths is not null)
            return;
        _widths = new int[_columns.Length];
        for (int i = 0; i < _columns.Length; i++)
        {
            int width = DisplayWidth.Of(_columns[i]);
            foreach (var row in _pending)
            {
                if (i < row.Length)
                    width = Math.Max(width, DisplayWidth.Of(row[i].Text));
            }
            _widths[i] = Math.Min(width, MaxColumnWidth);
        }
        for (int i = 0; i < _columns.Length; i++)
        {
            if (i > 0)
                Sink.Write("  ");
            Paint(Pad(DisplayWidth.Truncate(_columns[i], _widths[i]), _widths[i], right: false, last: i == _columns.Length - 1), Ansi.Bold);
        }
        Sink.WriteByte((byte)'\n');
        for (int i = 0; i < _columns.Length; i++)
        {
            if (i > 0)
                Sink.Write("  ");
            Paint(new string('─', _widths[i]), Ansi.Dim);
        }
        Sink.WriteByte((byte)'\n');
        foreach (var row in _pending)
            Print(row);
        _pending.Clear();
    }

    private void Print(Cell[] cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                Sink.Write("  ");
            int width = i < _widths!.Length ? _widths[i] : MaxColumnWidth;
            var text = Pad(DisplayWidth.Truncate(cells[i].Text, width), width, cells[i].Number, last: i == cells.Length - 1);
            if (cells[i].Null)
                Paint(text, Ansi.Dim);
            else
                Sink.Write(text);
        }
        Sink.WriteByte((byte)'\n');
    }

    private static string Pad(string text, int width, bool right, bool last)
    {
        int pad = width - DisplayWidth.Of(text);
        if (pad <= 0)
            return text;
        if (right)
            return new string(' ', pad) + text;
        return last ? text : text + new string(' ', pad);
    }

    private void Paint(string text, string style)
    {
        if (color)
            Sink.WriteStyle(style);
        Sink.Write(text);
        if (color)
            Sink.WriteStyle(Ansi.Reset);
    }
}
