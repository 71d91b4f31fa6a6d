using System.Globalization;
using System.Text;

namespace EventDb.Cli.Report;

/// <summary>
/// The page's charts as inline SVG, drawn here (no script, no library): colours come from the page's CSS classes, so
/// they follow light and dark mode and print; every mark has a tooltip with its numbers, and every chart's numbers are
/// also in a table beside or under it.
/// </summary>
internal static class SvgCharts
{
    private static readonly CultureInfo s_c = CultureInfo.InvariantCulture;

    /// <summary>Horizontal bars: each item's total, with its bad part (failures) drawn over it from the left.</summary>
    public static void Bars(StringBuilder sb, string label, IReadOnlyList<(string Name, long Total, long Bad)> items, string totalWord, string badWord)
    {
        const int Width = 560, LabelWidth = 170, NumberWidth = 120, Row = 20;
        int height = items.Count * Row + 4;
        long max = Math.Max(1, items.Count == 0 ? 1 : items.Max(i => i.Total));
        double plot = Width - LabelWidth - NumberWidth;
        sb.Append(s_c, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{Html.Attribute(label)}\">");
        for (int i = 0; i < items.Count; i++)
        {
            var (name, total, bad) = items[i];
            double y = i * Row + 3;
            double w = plot * total / max, wb = plot * bad / max;
            sb.Append("<g><title>");
            Html.Plain(sb, name).Append(s_c, $": {Html.Count(total)} {totalWord}, {Html.Count(bad)} {badWord} ({Html.Percent(bad, total)})</title>");
            sb.Append(s_c, $"<text class=\"lbl\" x=\"{LabelWidth - 8}\" y=\"{y + 12:0.#}\" text-anchor=\"end\">");
            Html.Text(sb, Shorten(name, 24), svg: true).Append("</text>");
            sb.Append(s_c, $"<rect class=\"track\" x=\"{LabelWidth}\" y=\"{y:0.#}\" width=\"{plot:0.#}\" height=\"14\" rx=\"2\"/>");
            sb.Append(s_c, $"<rect class=\"s0\" x=\"{LabelWidth}\" y=\"{y:0.#}\" width=\"{Math.Max(w, total > 0 ? 1 : 0):0.##}\" height=\"14\" rx=\"2\"/>");
            if (bad > 0)
                sb.Append(s_c, $"<rect class=\"bad\" x=\"{LabelWidth}\" y=\"{y:0.#}\" width=\"{Math.Max(wb, 1):0.##}\" height=\"14\" rx=\"2\"/>");
            sb.Append(s_c, $"<text x=\"{LabelWidth + plot + 6:0.#}\" y=\"{y + 12:0.#}\">{Html.Count(total)}");
            if (bad > 0)
                sb.Append(s_c, $" \u00b7 <tspan class=\"bad\">{Html.Percent(bad, total)}</tspan>");
            sb.Append("</text></g>");
        }
        sb.Append("</svg>");
    }

    /// <summary>Stacked columns along the run: one column per id window, one colour per series.</summary>
    public static void Activity(StringBuilder sb, string id, string label, IReadOnlyList<ActivitySeries> series, IdWindows windows, int windowCount)
    {
        const int Width = 1000, Height = 190, Left = 54, Bottom = 22, Top = 6;
        double plotW = Width - Left - 8, plotH = Height - Bottom - Top;
        long max = 1;
        for (int k = 0; k < windowCount; k++)
            max = Math.Max(max, series.Sum(s => s.Counts[k]));
        double colW = plotW / Math.Max(1, windowCount);
        sb.Append(s_c, $"<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Html.Attribute(label)}\">");
        sb.Append(s_c, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - 8}\" y1=\"{Top + plotH:0.#}\" y2=\"{Top + plotH:0.#}\"/>");
        // A half line only when half the largest column is a whole number of events worth showing.
        foreach (var fraction in max >= 4 ? new[] { 0.5, 1.0 } : [1.0])
        {
            double y = Top + plotH * (1 - fraction);
            sb.Append(s_c, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke-dasharray=\"2 3\"/>");
            sb.Append(s_c, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Html.Count((long)Math.Round(max * fraction))}</text>");
        }
        // Each series is one path of rectangles (compact at any size), and each window one transparent column on top
        // that carries the tooltip with every series' count.
        var tops = new double[windowCount];
        Array.Fill(tops, Top + plotH);
        for (int s = 0; s < series.Count; s++)
        {
            sb.Append(s_c, $"<path class=\"s{s % 10}\" d=\"");
            for (int k = 0; k < windowCount; k++)
            {
                double h = plotH * series[s].Counts[k] / max;
                if (h <= 0)
                    continue;
                tops[k] -= h;
                sb.Append(s_c, $"M{Left + k * colW + 0.5:0.#} {tops[k]:0.#}h{Math.Max(colW - 1, 0.5):0.##}v{h:0.##}h-{Math.Max(colW - 1, 0.5):0.##}z");
            }
            sb.Append("\"/>");
        }
        for (int k = 0; k < windowCount; k++)
        {
            long first = windows.First + k * windows.Width;
            sb.Append(s_c, $"<rect class=\"hit\" x=\"{Left + k * colW:0.#}\" y=\"{Top}\" width=\"{colW:0.##}\" height=\"{plotH:0.#}\"><title>ids {Html.Count(first)}\u2013{Html.Count(first + windows.Width - 1)}");
            for (int s = 0; s < series.Count; s++)
            {
                if (series[s].Counts[k] > 0)
                {
                    sb.Append('\n');
                    Html.Plain(sb, series[s].Name).Append(s_c, $": {Html.Count(series[s].Counts[k])}");
                }
            }
            sb.Append("</title></rect>");
        }
        for (int t = 0; t <= 4; t++)
        {
            int k = (int)Math.Round((windowCount - 1) * t / 4.0);
            double x = Left + k * colW + colW / 2;
            sb.Append(s_c, $"<text x=\"{x:0.#}\" y=\"{Height - 6}\" text-anchor=\"{(t == 0 ? "start" : t == 4 ? "end" : "middle")}\">id {Html.Count(windows.First + k * windows.Width)}</text>");
        }
        sb.Append("</svg>");
    }

    /// <summary>A legend for series coloured by <see cref="Activity"/> (same order).</summary>
    public static void Legend(StringBuilder sb, IReadOnlyList<ActivitySeries> series)
    {
        sb.Append("<div class=\"legend\">");
        for (int s = 0; s < series.Count; s++)
        {
            sb.Append(s_c, $"<span><i class=\"s{s % 10}\"></i>");
            Html.Text(sb, series[s].Name).Append(s_c, $" <span class=\"muted\">{Html.Count(series[s].Total)}</span></span>");
        }
        sb.Append("</div>");
    }

    /// <summary>A heat map of counts: rows by columns, darker for more (log scale), the count written in each cell.</summary>
    public static void Heatmap(StringBuilder sb, string label, IReadOnlyList<string> rows, IReadOnlyList<string> columns, long[,] counts, Func<int, int, string> tooltip)
    {
        const int LabelWidth = 150, Cell = 74, RowH = 22, Head = 26;
        int width = LabelWidth + columns.Count * Cell + 4, height = Head + rows.Count * RowH + 2;
        long max = 1;
        foreach (var n in counts)
            max = Math.Max(max, n);
        sb.Append(s_c, $"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" style=\"max-width:{width}px\" role=\"img\" aria-label=\"{Html.Attribute(label)}\">");
        for (int c = 0; c < columns.Count; c++)
        {
            sb.Append(s_c, $"<text class=\"lbl\" x=\"{LabelWidth + c * Cell + Cell / 2}\" y=\"{Head - 9}\" text-anchor=\"middle\">");
            Html.Text(sb, Shorten(columns[c], 11), svg: true).Append("</text>");
        }
        for (int r = 0; r < rows.Count; r++)
        {
            double y = Head + r * RowH;
            sb.Append(s_c, $"<text class=\"lbl\" x=\"{LabelWidth - 8}\" y=\"{y + 15:0.#}\" text-anchor=\"end\">");
            Html.Text(sb, Shorten(rows[r], 22), svg: true).Append("</text>");
            for (int c = 0; c < columns.Count; c++)
            {
                long n = counts[r, c];
                double x = LabelWidth + c * Cell;
                sb.Append("<g><title>");
                Html.Plain(sb, tooltip(r, c)).Append("</title>");
                if (n == 0)
                {
                    sb.Append(s_c, $"<rect class=\"hm0\" x=\"{x + 1:0.#}\" y=\"{y + 1:0.#}\" width=\"{Cell - 2}\" height=\"{RowH - 2}\" rx=\"2\"/></g>");
                    continue;
                }
                double level = 0.18 + 0.82 * Math.Log(1 + n) / Math.Log(1 + max);
                sb.Append(s_c, $"<rect class=\"bad\" x=\"{x + 1:0.#}\" y=\"{y + 1:0.#}\" width=\"{Cell - 2}\" height=\"{RowH - 2}\" rx=\"2\" fill-opacity=\"{level:0.##}\"/>");
                sb.Append(s_c, $"<text class=\"lbl\" x=\"{x + Cell / 2.0:0.#}\" y=\"{y + 15:0.#}\" text-anchor=\"middle\">{Compact(n)}</text></g>");
            }
        }
        sb.Append("</svg>");
    }

    /// <summary>Each process's span along the run, from its first to its last event.</summary>
    public static void Lifespans(StringBuilder sb, string label, IReadOnlyList<ProcessRow> processes, long firstId, long lastId)
    {
        const int Width = 1000, LabelWidth = 170, Row = 16, Bottom = 20;
        int height = processes.Count * Row + Bottom + 4;
        double plot = Width - LabelWidth - 10, span = Math.Max(1, lastId - firstId);
        long maxEvents = Math.Max(1, processes.Count == 0 ? 1 : processes.Max(p => p.Events));
        sb.Append(s_c, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{Html.Attribute(label)}\">");
        for (int i = 0; i < processes.Count; i++)
        {
            var p = processes[i];
            double y = i * Row + 2;
            double x1 = LabelWidth + plot * (p.FirstId - firstId) / span, x2 = LabelWidth + plot * (p.LastId - firstId) / span;
            sb.Append("<g><title>");
            Html.Plain(sb, p.Name).Append(s_c, $": {Html.Count(p.Events)} events, ids {Html.Count(p.FirstId)}\u2013{Html.Count(p.LastId)}, {Html.Count(p.Failures)} failed syscalls</title>");
            sb.Append(s_c, $"<text class=\"lbl\" x=\"{LabelWidth - 8}\" y=\"{y + 11:0.#}\" text-anchor=\"end\">");
            Html.Text(sb, Shorten(p.Name, 24), svg: true).Append("</text>");
            double opacity = 0.35 + 0.65 * Math.Log(1 + p.Events) / Math.Log(1 + maxEvents);
            sb.Append(s_c, $"<rect class=\"{(p.Failures > 0 ? "s3" : "s0")}\" x=\"{x1:0.##}\" y=\"{y + 2:0.#}\" width=\"{Math.Max(x2 - x1, 2):0.##}\" height=\"10\" rx=\"2\" fill-opacity=\"{opacity:0.##}\"/></g>");
        }
        double axis = processes.Count * Row + 4;
        sb.Append(s_c, $"<line class=\"axis\" x1=\"{LabelWidth}\" x2=\"{Width - 10}\" y1=\"{axis:0.#}\" y2=\"{axis:0.#}\"/>");
        for (int t = 0; t <= 4; t++)
        {
            double x = LabelWidth + plot * t / 4;
            sb.Append(s_c, $"<text x=\"{x:0.#}\" y=\"{axis + 14:0.#}\" text-anchor=\"{(t == 0 ? "start" : t == 4 ? "end" : "middle")}\">id {Html.Count(firstId + (long)(span * t / 4))}</text>");
        }
        sb.Append("</svg>");
    }

    private static string Compact(long n) => n switch
    {
        >= 10_000_000 => string.Create(s_c, $"{n / 1e6:0}M"),
        >= 1_000_000 => string.Create(s_c, $"{n / 1e6:0.#}M"),
        >= 10_000 => string.Create(s_c, $"{n / 1e3:0}k"),
        _ => Html.Count(n),
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "\u2026";
}
