using System.Globalization;
using System.Text;

namespace EventDb.Cli.Report;

// The page's sections, in the order a person fixing a rehosted firmware reads them.
internal sealed partial class ReportPage
{
    private void Cards()
    {
        _sb.Append("<div class=\"cards\">");
        if (Penguin is { } p)
        {
            var q = PenguinBefore;
            Card("notfound", "notfound", "paths looked for and not found", p.NotFound.Count, q?.NotFound.Count, Growth.Bad,
                $"{Html.Count(p.NotFound.Sum(n => n.Count))} failed lookups");
            Card("failures", "failures", "failed syscalls", p.Failures, q?.Failures, Growth.Bad,
                $"{Html.Percent(p.Failures, p.Syscalls)} of {Html.Count(p.Syscalls)} syscalls \u00b7 {Html.Count(p.FailureCounts.Count)} syscall \u00d7 error pairs");
            Card("processes", "processes", "processes", p.Processes.Count, q?.Processes.Count, Growth.Good,
                $"{Html.Count(p.Processes.Sum(x => x.Execs.Count))} execs \u00b7 {Html.Count(p.Processes.Count(x => x.Failures > 0))} with failures");
            Card("activity", "events", "events", _run.Events, _before?.Events, Growth.Neutral, IdRange(_run));
            Card("files", "io", "bytes read \u00b7 written", null, null, Growth.Neutral,
                $"{Html.Count(p.FileIo.Sum(f => f.Reads))} reads \u00b7 {Html.Count(p.FileIo.Sum(f => f.Writes))} writes",
                $"{Html.Bytes(p.BytesRead)} \u00b7 {Html.Bytes(p.BytesWritten)}");
        }
        else
        {
            Card("run", "events", "rows", _run.Events, _before?.Events, Growth.Neutral, IdRange(_run));
            Card("run", "tables", "tables", _run.Tables.Count, _before?.Tables.Count, Growth.Neutral, List(_run.Tables.Select(t => t.Name)));
        }
        _sb.Append("</div>");
        if (Penguin is { } penguin)
            StartHere(penguin);
    }

    private void Card(string target, string key, string label, long? value, long? before, Growth growth, string sub, string? text = null)
    {
        bool bad = growth == Growth.Bad && value > 0;
        _sb.Append(s_c, $"<a class=\"card{(bad ? " bad" : growth == Growth.Bad && value == 0 ? " good" : "")}\" data-card=\"{key}\" href=\"#{target}\"><div class=\"n{(text is null ? "" : " t")}\">{text ?? Html.Count(value ?? 0)}</div>");
        _sb.Append(s_c, $"<div class=\"l\">{Html.Text(label)}</div>");
        if (value is { } now && before is { } then)
        {
            long delta = now - then;
            var tone = delta == 0 || growth == Growth.Neutral ? "muted" : (delta > 0) == (growth == Growth.Bad) ? "up" : "down";
            _sb.Append(s_c, $"<div class=\"d {tone}\">{(delta == 0 ? "no change" : Html.Signed(delta))} since {Html.Text(_beforeName)}</div>");
        }
        _sb.Append(s_c, $"<div class=\"l\">{sub}</div></a>");
    }

    /// <summary>The two or three things to look at first, in words.</summary>
    private void StartHere(PenguinSummary p)
    {
        var items = new List<string>();
        if (Comparing && PenguinBefore is { } q)
        {
            int newFailures = Comparison.Join(p.FailureCounts, q.FailureCounts, f => f.Key, f => f.Count).Count(c => c.Change == Change.New);
            int newPaths = Comparison.Join(p.NotFound, q.NotFound, n => n.Path, n => n.Count).Count(c => c.Change == Change.New);
            int fixedPaths = Comparison.Join(p.NotFound, q.NotFound, n => n.Path, n => n.Count).Count(c => c.Change == Change.Gone);
            items.Add(string.Create(s_c, $"Since {Html.Text(_beforeName)}: <a href=\"#changes\">{Plural(newFailures, "new failure")} (syscall \u00d7 error), {Plural(newPaths, "new path")} not found</a>; {Plural(fixedPaths, "path")} found now that {(fixedPaths == 1 ? "was" : "were")} missing."));
        }
        if (p.NotFound.Count > 0 && p.NotFound[0] is { } missing)
        {
            items.Add(string.Create(s_c, $"<code>{Html.Text(missing.Path)}</code> was looked for and not found {Html.Count(missing.Count)} times ({List(missing.Syscalls, 2)}; {Processes(missing.Processes, 2)})."));
        }
        // The busiest failure that is not a missing file (those are the list above): an ioctl, a socket, a permission.
        if (p.FailureCounts.FirstOrDefault(f => !(PathLookups.LooksUpPath(f.Syscall) && PathLookups.NotFoundErrnos.Contains(f.Errno))) is { } failure)
        {
            items.Add(string.Create(s_c, $"<code>{Html.Text(failure.Syscall)}</code> failed with <b>{Html.Text(failure.ErrnoName)}</b> {Html.Count(failure.Count)} times ({Processes(failure.Processes, 2)})."));
        }
        if (items.Count == 0)
            return;
        _sb.Append("<section class=\"start\"><h2>Start here</h2><ol>");
        foreach (var item in items)
            _sb.Append("<li>").Append(item).Append("</li>");
        _sb.Append("</ol></section>");
    }

    private void Changes()
    {
        SectionStart("changes", "What changed", $"This run against {Html.Text(_beforeName)}: what appeared first. Every section below lists both runs side by side, new items first.");
        if (Penguin is { } p && PenguinBefore is { } q)
        {
            var failures = Comparison.Join(p.FailureCounts, q.FailureCounts, f => f.Key, f => f.Count);
            var paths = Comparison.Join(p.NotFound, q.NotFound, n => n.Path, n => n.Count);
            var processes = Comparison.Join(p.Processes, q.Processes, x => x.Name, x => x.Events);
            _sb.Append("<div class=\"cards\">");
            Tally("failures", "new failures", failures, Change.New, Growth.Bad);
            Tally("failures", "failures gone", failures, Change.Gone, Growth.Good);
            Tally("notfound", "new paths not found", paths, Change.New, Growth.Bad);
            Tally("notfound", "paths found now", paths, Change.Gone, Growth.Good);
            Tally("processes", "new processes", processes, Change.New, Growth.Good);
            Tally("processes", "processes gone", processes, Change.Gone, Growth.Bad);
            _sb.Append("</div><h3>New paths not found</h3>");
            NotFoundTable("changes-notfound", [.. paths.Where(c => c.Change == Change.New)], 20);
            _sb.Append("<h3>New failures</h3>");
            FailureTable("changes-failures", [.. failures.Where(c => c.Change == Change.New)], 20);
        }
        var tables = Comparison.Join(_run.Tables, _before!.Tables, t => t.Name, t => t.Rows);
        _sb.Append("<h3>Rows per table</h3>");
        var table = new HtmlTable("changes-tables", ("change", false), ("table", false), ("this run", true), (_beforeName, true), ("\u0394", true));
        foreach (var t in tables)
            table.Row(new Cell(Comparison.Badge(t.Change, Growth.Neutral), Comparison.Rank(t.Change)), Cell.Guest(t.Item.Name), Cell.Number(t.CountNow), Cell.Number(t.CountBefore), new Cell(Html.Signed(t.Delta), t.Delta, "n"));
        table.Write(_sb, RowCap, "tables");
        _sb.Append("</section>");
    }

    private void Tally<T>(string target, string label, List<Compared<T>> items, Change change, Growth growth) where T : class
    {
        int n = items.Count(c => c.Change == change);
        var tone = n == 0 ? "" : growth == Growth.Bad ? " bad" : " good";
        _sb.Append(s_c, $"<a class=\"card{tone}\" data-card=\"changes-{label.Replace(' ', '-')}\" href=\"#{target}\"><div class=\"n\">{Html.Count(n)}</div><div class=\"l\">{Html.Text(label)}</div></a>");
    }

    private void NotFound()
    {
        var p = Penguin!;
        SectionStart("notfound", "Files looked for and not found",
            "Path lookups that failed with ENOENT or ENOTDIR (open, stat, access, exec, readlink and the like): the files the firmware expects and the rehosted system lacks. The path is the first quoted argument the tracer recorded.");
        if (PenguinBefore is { } q)
        {
            NotFoundTable("notfound-table", Comparison.Join(p.NotFound, q.NotFound, n => n.Path, n => n.Count), RowCap);
        }
        else
        {
            long max = p.NotFound.Count == 0 ? 0 : p.NotFound.Max(n => n.Count);
            var table = new HtmlTable("notfound-table", ("path", false), ("lookups", true), ("syscalls", false), ("error", false), ("processes", false));
            foreach (var n in p.NotFound)
                table.Row(Cell.Guest(n.Path), Cell.CountBar(n.Count, max, bad: true), new Cell(List(n.Syscalls)), new Cell(List(n.Errnos)), new Cell(Processes(n.Processes)));
            table.Write(_sb, RowCap, "paths not found");
        }
        _sb.Append("</section>");
    }

    private void NotFoundTable(string id, List<Compared<NotFoundRow>> rows, int cap)
    {
        var table = new HtmlTable(id, ("change", false), ("path", false), ("this run", true), (_beforeName, true), ("\u0394", true), ("syscalls", false), ("processes", false));
        foreach (var c in rows)
        {
            table.Row(new Cell(Comparison.Badge(c.Change, Growth.Bad), Comparison.Rank(c.Change)), Cell.Guest(c.Item.Path), Cell.Number(c.CountNow), Cell.Number(c.CountBefore),
                new Cell(Html.Signed(c.Delta), c.Delta, "n"), new Cell(List(c.Item.Syscalls)), new Cell(Processes(c.Item.Processes)));
        }
        table.Write(_sb, cap, "paths not found");
    }

    private void Failures()
    {
        var p = Penguin!;
        SectionStart("failures", "Failures by syscall and error",
            "Syscalls that returned a negative error number, by syscall and errno, and the processes that got them. The map shows the syscalls and errors with the most failures.");
        if (p.FailureCounts.Count > 0)
        {
            var syscalls = p.FailureCounts.GroupBy(f => f.Syscall).OrderByDescending(g => g.Sum(f => f.Count)).Take(HeatmapRows).Select(g => g.Key).ToList();
            var errors = p.FailureCounts.GroupBy(f => f.ErrnoName).OrderByDescending(g => g.Sum(f => f.Count)).Take(HeatmapColumns).Select(g => g.Key).ToList();
            var counts = new long[syscalls.Count, errors.Count];
            foreach (var f in p.FailureCounts)
            {
                int r = syscalls.IndexOf(f.Syscall), c = errors.IndexOf(f.ErrnoName);
                if (r >= 0 && c >= 0)
                    counts[r, c] += f.Count;
            }
            SvgCharts.Heatmap(_sb, "Failures by syscall and error", syscalls, errors, counts,
                (r, c) => string.Create(s_c, $"{syscalls[r]} \u2192 {errors[c]}: {Html.Count(counts[r, c])} failures"));
        }
        if (PenguinBefore is { } q)
        {
            FailureTable("failures-table", Comparison.Join(p.FailureCounts, q.FailureCounts, f => f.Key, f => f.Count), RowCap);
        }
        else
        {
            var calls = p.SyscallCounts.ToDictionary(s => s.Name, s => s.Calls, StringComparer.Ordinal);
            long max = p.FailureCounts.Count == 0 ? 0 : p.FailureCounts.Max(f => f.Count);
            var table = new HtmlTable("failures-table", ("syscall", false), ("error", false), ("errno", true), ("failures", true), ("of its calls", true), ("processes", false));
            foreach (var f in p.FailureCounts)
            {
                long of = calls.GetValueOrDefault(f.Syscall);
                table.Row(Cell.Guest(f.Syscall), new Cell("<b>" + Html.Text(f.ErrnoName) + "</b>"), Cell.Number(-f.Errno), Cell.CountBar(f.Count, max, bad: true),
                    new Cell(Html.Percent(f.Count, of), of == 0 ? 0 : (double)f.Count / of, "n"), new Cell(Processes(f.Processes)));
            }
            table.Write(_sb, RowCap, "syscall and error pairs");
        }
        _sb.Append("</section>");
    }

    private void FailureTable(string id, List<Compared<FailureRow>> rows, int cap)
    {
        var table = new HtmlTable(id, ("change", false), ("syscall", false), ("error", false), ("this run", true), (_beforeName, true), ("\u0394", true), ("processes", false));
        foreach (var c in rows)
        {
            table.Row(new Cell(Comparison.Badge(c.Change, Growth.Bad), Comparison.Rank(c.Change)), Cell.Guest(c.Item.Syscall), new Cell("<b>" + Html.Text(c.Item.ErrnoName) + "</b>"),
                Cell.Number(c.CountNow), Cell.Number(c.CountBefore), new Cell(Html.Signed(c.Delta), c.Delta, "n"), new Cell(Processes(c.Item.Processes)));
        }
        table.Write(_sb, cap, "syscall and error pairs");
    }

    private void Processes()
    {
        var p = Penguin!;
        SectionStart("processes", "Processes",
            "Each process name (Penguin's procname) with its events, first and last event id, syscalls, failed syscalls, what it exec'd and how it exited. The spans show when each was active; red ones had failures.");
        if (p.Processes.Count > 0 && _run.FirstId is { } first && _run.LastId is { } last)
        {
            var shown = p.Processes.OrderByDescending(x => x.Events).Take(LifespanRows).OrderBy(x => x.FirstId).ToList();
            SvgCharts.Lifespans(_sb, "When each process was active", shown, first, last);
            if (p.Processes.Count > shown.Count)
                _sb.Append(s_c, $"<p class=\"cap\">The {shown.Count} processes with the most events of {Html.Count(p.Processes.Count)}.</p>");
        }
        if (PenguinBefore is { } q)
        {
            var table = new HtmlTable("processes-table", ("change", false), ("process", false), ("events", true), (_beforeName, true), ("\u0394", true), ("failed syscalls", true), ("failed before", true), ("exec'd", false));
            foreach (var c in Comparison.Join(p.Processes, q.Processes, x => x.Name, x => x.Events))
            {
                table.Row(new Cell(Comparison.Badge(c.Change, Growth.Neutral), Comparison.Rank(c.Change)), Cell.Guest(c.Item.Name), Cell.Number(c.CountNow), Cell.Number(c.CountBefore),
                    new Cell(Html.Signed(c.Delta), c.Delta, "n"), Cell.Number(c.Now?.Failures ?? 0), Cell.Number(c.Before?.Failures ?? 0), new Cell(List(c.Item.Execs, 2), null, "g"));
            }
            table.Write(_sb, RowCap, "processes");
        }
        else
        {
            var table = new HtmlTable("processes-table", ("process", false), ("events", true), ("first id", true), ("last id", true), ("syscalls", true), ("failed", true), ("failed %", true), ("exec'd", false), ("exit codes", false));
            foreach (var x in p.Processes)
            {
                table.Row(Cell.Guest(x.Name), Cell.Number(x.Events), Cell.Number(x.FirstId), Cell.Number(x.LastId), Cell.Number(x.Syscalls), Cell.Number(x.Failures),
                    new Cell(Html.Percent(x.Failures, x.Syscalls), x.Syscalls == 0 ? 0 : (double)x.Failures / x.Syscalls, "n"), new Cell(List(x.Execs, 2), null, "g"),
                    new Cell(string.Join(", ", x.ExitCodes.Select(e => e.ToString(s_c)))));
            }
            table.Write(_sb, RowCap, "processes");
        }
        _sb.Append("</section>");
    }

    private void ActivitySection()
    {
        SectionStart("activity", "Activity along the run",
            $"Events per id window (ids are in the order events happened), stacked by table{(Penguin is null ? "" : " or by process")}. Hover a column for its numbers; the table under the chart has them all.");
        ActivityChart("now", _run, Comparing ? "This run" : null);
        if (_before is not null)
            ActivityChart("before", _before, _beforeName);
        _sb.Append("</section>");
    }

    private void ActivityChart(string id, RunSummary run, string? title)
    {
        if (title is not null)
            _sb.Append("<h3>").Append(Html.Text(title)).Append("</h3>");
        if (run.Activity is not { WindowCount: > 0 } a)
        {
            _sb.Append("<p class=\"empty\">No events.</p>");
            return;
        }
        var views = new List<(string Key, string Label, IReadOnlyList<ActivitySeries> Series)> { ("tables", "by table", a.ByTable) };
        if (a.ByProcess.Count > 0)
            views.Add(("processes", "by process", a.ByProcess));
        if (views.Count > 1)
        {
            _sb.Append("<div class=\"tools switch\">");
            for (int v = 0; v < views.Count; v++)
                _sb.Append(s_c, $"<button type=\"button\" data-show=\"activity-{id}-{views[v].Key}\" aria-pressed=\"{(v == 0 ? "true" : "false")}\">{views[v].Label}</button>");
            _sb.Append("</div>");
        }
        for (int v = 0; v < views.Count; v++)
        {
            var (key, label, series) = views[v];
            _sb.Append(s_c, $"<div id=\"activity-{id}-{key}\" class=\"alt\"{(v == 0 ? "" : " style=\"display:none\"")}>");
            SvgCharts.Legend(_sb, series);
            SvgCharts.Activity(_sb, $"activity-{id}-{key}-chart", "Events per id window " + label, series, a.Windows, a.WindowCount);
            _sb.Append(s_c, $"<details><summary>The numbers ({label}, {a.WindowCount} windows of {Html.Count(a.Windows.Width)} ids)</summary>");
            var columns = new List<(string, bool)> { ("first id", true) };
            columns.AddRange(series.Select(s => (s.Name, true)));
            var table = new HtmlTable($"activity-{id}-{key}-table", [.. columns]);
            for (int k = 0; k < a.WindowCount; k++)
            {
                var cells = new List<Cell> { Cell.Number(a.Windows.First + k * a.Windows.Width) };
                cells.AddRange(series.Select(s => Cell.Number(s.Counts[k])));
                table.Row([.. cells]);
            }
            table.Write(_sb, RowCap, "windows");
            _sb.Append("</details></div>");
        }
    }

    private void Syscalls()
    {
        var p = Penguin!;
        SectionStart("syscalls", "Syscalls by count", "How often each syscall was made, and how many of those calls failed (red).");
        var top = p.SyscallCounts.OrderByDescending(s => s.Calls).Take(ChartBars).Select(s => (s.Name, s.Calls, s.Failures)).ToList();
        _sb.Append("<div class=\"grid2\"><div>");
        if (top.Count > 0)
            SvgCharts.Bars(_sb, "Syscalls by count", top, "calls", "failed");
        _sb.Append("</div><div>");
        if (PenguinBefore is { } q)
        {
            var table = new HtmlTable("syscalls-table", ("change", false), ("syscall", false), ("calls", true), (_beforeName, true), ("\u0394", true), ("failed", true), ("failed before", true));
            foreach (var c in Comparison.Join(p.SyscallCounts, q.SyscallCounts, s => s.Name, s => s.Calls))
            {
                table.Row(new Cell(Comparison.Badge(c.Change, Growth.Neutral), Comparison.Rank(c.Change)), Cell.Guest(c.Item.Name), Cell.Number(c.CountNow), Cell.Number(c.CountBefore),
                    new Cell(Html.Signed(c.Delta), c.Delta, "n"), Cell.Number(c.Now?.Failures ?? 0), Cell.Number(c.Before?.Failures ?? 0));
            }
            table.Write(_sb, RowCap, "syscalls");
        }
        else
        {
            long max = p.SyscallCounts.Count == 0 ? 0 : p.SyscallCounts.Max(s => s.Calls);
            var table = new HtmlTable("syscalls-table", ("syscall", false), ("calls", true), ("failed", true), ("failed %", true));
            foreach (var s in p.SyscallCounts)
            {
                table.Row(Cell.Guest(s.Name), Cell.CountBar(s.Calls, max), Cell.Number(s.Failures),
                    new Cell(Html.Percent(s.Failures, s.Calls), s.Calls == 0 ? 0 : (double)s.Failures / s.Calls, "n"));
            }
            table.Write(_sb, RowCap, "syscalls");
        }
        _sb.Append("</div></div></section>");
    }

    private void FileIo()
    {
        var p = Penguin!;
        SectionStart("files", "Files and descriptors read and written",
            "Each file name and descriptor of the read and write events, with the bytes their buffers held, most bytes first.");
        if (PenguinBefore is { } q)
        {
            var table = new HtmlTable("files-table", ("change", false), ("file", false), ("fd", true), ("reads + writes", true), (_beforeName, true), ("\u0394", true), ("bytes", true), ("bytes before", true));
            foreach (var c in Comparison.Join(p.FileIo, q.FileIo, f => f.Key, f => f.Reads + f.Writes))
            {
                table.Row(new Cell(Comparison.Badge(c.Change, Growth.Neutral), Comparison.Rank(c.Change)), Cell.Guest(c.Item.File), Cell.Number(c.Item.Fd), Cell.Number(c.CountNow), Cell.Number(c.CountBefore),
                    new Cell(Html.Signed(c.Delta), c.Delta, "n"), Cell.Bytes((c.Now?.BytesRead ?? 0) + (c.Now?.BytesWritten ?? 0)), Cell.Bytes((c.Before?.BytesRead ?? 0) + (c.Before?.BytesWritten ?? 0)));
            }
            table.Write(_sb, RowCap, "files and descriptors");
        }
        else
        {
            var table = new HtmlTable("files-table", ("file", false), ("fd", true), ("reads", true), ("bytes read", true), ("writes", true), ("bytes written", true), ("processes", false));
            foreach (var f in p.FileIo)
            {
                table.Row(Cell.Guest(f.File), Cell.Number(f.Fd), Cell.Number(f.Reads), Cell.Bytes(f.BytesRead), Cell.Number(f.Writes), Cell.Bytes(f.BytesWritten),
                    new Cell(List(f.Processes), null, "g"));
            }
            table.Write(_sb, RowCap, "files and descriptors");
        }
        _sb.Append("</section>");
    }

    private void TablesSection()
    {
        SectionStart("run", "Tables and columns",
            "Every table of the file with its rows and id range, and each column's most frequent values (open a table to see them).");
        var table = new HtmlTable("tables-table", ("table", false), ("rows", true), ("first id", true), ("last id", true), ("columns", true));
        foreach (var t in _run.Tables)
            table.Row(Cell.Guest(t.Name), Cell.Number(t.Rows), Cell.Number(t.MinId ?? 0), Cell.Number(t.MaxId ?? 0), Cell.Number(t.Columns.Count));
        table.Write(_sb, RowCap, "tables");
        foreach (var t in _run.Tables)
        {
            _sb.Append("<details><summary>");
            Html.Text(_sb, t.Name).Append(s_c, $" <span class=\"muted\">{Plural(t.Rows, "row")}, {Plural(t.Columns.Count, "column")}</span></summary><div class=\"cols\">");
            foreach (var column in t.Columns)
                ColumnCard(column);
            _sb.Append("</div></details>");
        }
        _sb.Append("</section>");
    }

    private void ColumnCard(ColumnValues column)
    {
        _sb.Append("<div class=\"col\"><h4>");
        Html.Text(_sb, column.Column).Append("</h4><p class=\"muted\">");
        _sb.Append(column.Distinct is { } d ? Html.Count(d) + " distinct" : "more than " + Html.Count(RunReader.MaxDistinct) + " distinct");
        if (column.Nulls is { } nulls)
            _sb.Append(s_c, $" \u00b7 {Html.Count(nulls)} NULL");
        _sb.Append("</p>");
        if (column.Top.Count > 0)
        {
            _sb.Append("<table>");
            foreach (var v in column.Top)
            {
                _sb.Append("<tr><td class=\"g\">").Append(Value(v.Value)).Append("</td><td class=\"n\">").Append(Html.Count(v.Count))
                    .Append("</td><td class=\"n muted\">").Append(Html.Percent(v.Count, column.Rows)).Append("</td></tr>");
            }
            _sb.Append("</table>");
        }
        _sb.Append("</div>");
    }

    private static string Value(object? value) => value switch
    {
        null => "<span class=\"muted\">NULL</span>",
        string s => Html.Text(s),
        byte[] b => "<span class=\"muted\">x'</span>" + Convert.ToHexString(b.AsSpan(0, Math.Min(b.Length, 24))).ToLowerInvariant() + (b.Length > 24 ? "\u2026" : "") + "<span class=\"muted\">'</span>",
        double r => Html.Number(r),
        long l => Html.Count(l).Replace(",", "", StringComparison.Ordinal),
        _ => Html.Text(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static string Plural(long n, string noun) => $"{Html.Count(n)} {noun}{(n == 1 ? "" : "s")}";

    private static string IdRange(RunSummary run) =>
        run.FirstId is { } f && run.LastId is { } l ? $"ids {Html.Count(f)}\u2013{Html.Count(l)}" : "no ids";
}
