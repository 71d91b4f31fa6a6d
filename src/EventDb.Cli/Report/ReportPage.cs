using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EventDb.Cli.Report;

/// <summary>
/// The report as one self-contained HTML page: its CSS and script inline, its charts inline SVG, nothing fetched (the
/// page's Content-Security-Policy allows no network and runs no script but its own). The most actionable lists come
/// first: paths not found, then failures, then processes, activity, syscalls, file I/O and the file itself.
/// </summary>
internal sealed partial class ReportPage
{
    /// <summary>Rows shown per table (the page says so under each table it cuts).</summary>
    public const int RowCap = 200;

    private const int ChartBars = 20, HeatmapRows = 14, HeatmapColumns = 9, LifespanRows = 40;
    private static readonly CultureInfo s_c = CultureInfo.InvariantCulture;

    private readonly StringBuilder _sb = new(256 * 1024);
    private readonly RunSummary _run;
    private readonly RunSummary? _before;
    private readonly string _beforeName;

    private ReportPage(RunSummary run, RunSummary? before)
    {
        _run = run;
        _before = before;
        _beforeName = before is null ? "" : RunName(before.Path);
    }

    /// <summary>The page for <paramref name="run"/>, compared with <paramref name="before"/> when given.</summary>
    public static string Render(RunSummary run, RunSummary? before, DateTimeOffset generated)
    {
        var page = new ReportPage(run, before);
        page.Write(generated);
        return page._sb.ToString();
    }

    private bool Comparing => _before is not null;

    private PenguinSummary? Penguin => _run.Penguin;

    private PenguinSummary? PenguinBefore => _before?.Penguin;

    private void Write(DateTimeOffset generated)
    {
        var script = Asset("report.js");
        var scriptHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        _sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        _sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        // No network at all, and no script but the page's own (by hash): a guest string that escaped escaping still could not run.
        _sb.Append(s_c, $"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{scriptHash}'\">");
        _sb.Append("<meta name=\"color-scheme\" content=\"light dark\"><title>");
        Html.Text(_sb, "eventdb report: " + RunName(_run.Path) + (Comparing ? " vs " + _beforeName : ""));
        _sb.Append("</title><style>").Append(Asset("report.css")).Append("</style></head><body><main>");
        Header();
        Incomplete();
        Cards();
        Toc();
        if (Comparing)
            Changes();
        if (Penguin is not null)
        {
            NotFound();
            Failures();
            Processes();
        }
        ActivitySection();
        if (Penguin is not null)
        {
            Syscalls();
            FileIo();
        }
        TablesSection();
        Footer(generated);
        _sb.Append("</main><script>").Append(script).Append("</script></body></html>\n");
    }

    private void Header()
    {
        _sb.Append("<header><div><h1>");
        Html.Text(_sb, RunName(_run.Path));
        if (Comparing)
            _sb.Append(" <span class=\"muted\">compared with</span> ").Append(Html.Text(_beforeName));
        _sb.Append("</h1><p class=\"meta path\">");
        Html.Text(_sb, _run.Path);
        if (_before is not null)
            _sb.Append("<br>compared with ").Append(Html.Text(_before.Path));
        _sb.Append("</p></div><p class=\"meta\">");
        _sb.Append(Penguin is not null ? "Penguin event model" : "EventDb file").Append(" \u00b7 ");
        _sb.Append(Html.Count(_run.Tables.Count)).Append(" tables \u00b7 ").Append(Html.Bytes(_run.FileBytes));
        if (_run.WalBytes is { } wal)
            _sb.Append(" + WAL ").Append(Html.Bytes(wal));
        _sb.Append(" \u00b7 journal ").Append(Html.Text(_run.JournalMode)).Append("</p></header>");
    }

    /// <summary>What a list could not count whole (more groups than the reads keep), said before any number.</summary>
    private void Incomplete()
    {
        var notes = (Penguin?.Incomplete ?? []).Select(n => "this run: " + n).Concat((PenguinBefore?.Incomplete ?? []).Select(n => _beforeName + ": " + n)).ToList();
        if (notes.Count == 0)
            return;
        _sb.Append("<section class=\"start\" id=\"incomplete\"><h2>Not counted whole</h2><ul>");
        foreach (var note in notes)
            _sb.Append("<li>").Append(Html.Text(note)).Append("</li>");
        _sb.Append("</ul></section>");
    }

    private void Toc()
    {
        _sb.Append("<nav class=\"toc\">");
        if (Comparing)
            Link("changes", "What changed", null);
        if (Penguin is { } p)
        {
            Link("notfound", "Not found", p.NotFound.Count);
            Link("failures", "Failures", p.FailureCounts.Count);
            Link("processes", "Processes", p.Processes.Count);
        }
        Link("activity", "Activity", null);
        if (Penguin is { } q)
        {
            Link("syscalls", "Syscalls", q.SyscallCounts.Count);
            Link("files", "Files read and written", q.FileIo.Count);
        }
        Link("run", "Tables and columns", _run.Tables.Count);
        _sb.Append("</nav>");

        void Link(string id, string text, int? count)
        {
            _sb.Append(s_c, $"<a href=\"#{id}\">{Html.Text(text)}");
            if (count is { } n)
                _sb.Append(s_c, $" <span class=\"c\">{Html.Count(n)}</span>");
            _sb.Append("</a>");
        }
    }

    private void Footer(DateTimeOffset generated)
    {
        _sb.Append("<footer><p>");
        _sb.Append(s_c, $"A snapshot: every figure counts the events up to id {Html.Count(_run.LastId ?? 0)}, the last in the file when the report started");
        if (_before is not null)
            _sb.Append(s_c, $" (for {Html.Text(_beforeName)}: up to id {Html.Count(_before.LastId ?? 0)})");
        _sb.Append(s_c, $". Lists are cut at {RowCap} rows");
        if (Penguin is not null)
            _sb.Append(s_c, $", charts at their busiest {ChartBars} bars, the failure map at {HeatmapRows} syscalls by {HeatmapColumns} errors, the process spans at {LifespanRows} processes");
        _sb.Append(s_c, $"; columns list their {RunReader.TopValues} most frequent values, and a column with more than {Html.Count(RunReader.MaxDistinct)} distinct values is marked, not counted; strings are cut at {Html.MaxText} characters. ");
        if (Penguin is not null)
            _sb.Append("Errno names are the generic Linux ones (x86, ARM, RISC-V) unless the tracer recorded a name with the return value. ");
        _sb.Append(s_c, $"Written by eventdb report at {generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", s_c)} UTC.</p></footer>");
    }

    private void SectionStart(string id, string title, string lead)
    {
        _sb.Append(s_c, $"<section id=\"{id}\"><h2>{Html.Text(title)}</h2><p class=\"lead\">{lead}</p>");
    }

    private static string RunName(string path)
    {
        var file = System.IO.Path.GetFileName(path);
        var dir = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path) ?? "");
        return file == EventFile.DefaultFileName && dir.Length > 0 ? dir + "/" + file : file;
    }

    private static string Asset(string name)
    {
        using var stream = typeof(ReportPage).Assembly.GetManifestResourceStream("EventDb.Cli.Report." + name)
            ?? throw new InvalidOperationException($"The report's {name} is missing from the tool.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Processes(IReadOnlyList<(string Name, long Count)> processes, int max = 3)
    {
        var sb = new StringBuilder();
        foreach (var (name, count) in processes.Take(max))
        {
            if (sb.Length > 0)
                sb.Append(", ");
            Html.Text(sb, name).Append(s_c, $" <span class=\"muted\">{Html.Count(count)}</span>");
        }
        if (processes.Count > max)
            sb.Append(s_c, $" <span class=\"muted\">+{processes.Count - max} more</span>");
        return sb.ToString();
    }

    private static string List(IEnumerable<string> items, int max = 3)
    {
        var all = items.ToList();
        var sb = new StringBuilder();
        foreach (var item in all.Take(max))
        {
            if (sb.Length > 0)
                sb.Append(", ");
            Html.Text(sb, item);
        }
        if (all.Count > max)
            sb.Append(s_c, $" <span class=\"muted\">+{all.Count - max} more</span>");
        return sb.ToString();
    }
}
