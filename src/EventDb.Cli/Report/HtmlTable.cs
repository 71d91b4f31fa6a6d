using System.Globalization;
using System.Text;

namespace EventDb.Cli.Report;

/// <summary>One cell: its HTML (already escaped), the number it sorts by (none: by its text), and its class.</summary>
internal readonly record struct Cell(string Html, double? Sort = null, string? Class = null)
{
    /// <summary>A guest string (process name, path, argv): escaped, monospace; NULL and the empty string marked as such.</summary>
    public static Cell Guest(string? text) => new(text switch
    {
        null => "<span class=\"muted\">NULL</span>",
        "" => "<span class=\"muted\">(empty)</span>",
        _ => Report.Html.Text(text),
    }, null, "g");

    /// <summary>Plain text of the tool's own.</summary>
    public static Cell Plain(string text) => new(Report.Html.Text(text));

    /// <summary>A number: the page sorts it by its text (no data-v needed), which keeps large tables small.</summary>
    public static Cell Number(long n) => new(Report.Html.Count(n), null, "n");

    public static Cell Bytes(long n) => new(Report.Html.Bytes(n), n, "n");

    /// <summary>A count with a bar proportional to <paramref name="max"/>.</summary>
    public static Cell CountBar(long n, long max, bool bad = false) =>
        new(Report.Html.Count(n) + string.Create(CultureInfo.InvariantCulture,
            $"<span class=\"bar{(bad ? " bad" : "")}\" style=\"width:{(max <= 0 ? 0 : Math.Max(1, 80.0 * n / max)):0.#}px\"></span>"), n, "n");
}

/// <summary>
/// A table the page can sort (click a header) and filter (the box above it), capped at a number of rows with the cap
/// stated under it.
/// </summary>
internal sealed class HtmlTable(string id, params (string Header, bool Numeric)[] columns)
{
    private readonly List<Cell[]> _rows = [];

    public int Count => _rows.Count;

    public HtmlTable Row(params Cell[] cells)
    {
        if (cells.Length != columns.Length)
            throw new ArgumentException($"Table '{id}' has {columns.Length} columns, not {cells.Length}.");
        _rows.Add(cells);
        return this;
    }

    /// <summary>Writes the filter box, the table (the first <paramref name="cap"/> rows) and the cap note.</summary>
    public void Write(StringBuilder sb, int cap, string what)
    {
        var c = CultureInfo.InvariantCulture;
        if (_rows.Count == 0)
        {
            sb.Append("<p class=\"empty\">").Append(Html.Text(what)).Append(": none.</p>");
            return;
        }
        int shown = Math.Min(cap, _rows.Count);
        sb.Append(c, $"<div class=\"tools\" id=\"{id}-tools\"><input type=\"search\" placeholder=\"Filter\u2026\" aria-label=\"Filter {Html.Attribute(what)}\"><span class=\"shown\">{shown} {(shown == 1 ? "row" : "rows")}</span></div>");
        sb.Append(c, $"<div class=\"scroll\"><table class=\"data\" id=\"{id}\"><thead><tr>");
        foreach (var (header, numeric) in columns)
            sb.Append(numeric ? "<th class=\"n\">" : "<th>").Append(Html.Text(header)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in _rows.Take(shown))
        {
            sb.Append("<tr>");
            foreach (var cell in row)
            {
                sb.Append("<td");
                if (cell.Class is { } cls)
                    sb.Append(" class=\"").Append(cls).Append('"');
                if (cell.Sort is { } v)
                    sb.Append(c, $" data-v=\"{v.ToString("R", c)}\"");
                sb.Append('>').Append(cell.Html).Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table></div>");
        if (_rows.Count > shown)
            sb.Append(c, $"<p class=\"cap\">Showing the first {Html.Count(shown)} of {Html.Count(_rows.Count)} {Html.Text(what)}, in the order above; sorting and the filter work on these rows.</p>");
    }
}
