using Xunit.Abstractions;
using System.Globalization;
using EventDb.Cli.Report;
using EventDb.Penguin;

namespace EventDb.Report.Tests;

/// <summary>
/// Reports of hand-made runs and demo runs opened in chromium: what the page shows equals SQL counts over the same file;
/// the tables sort and filter; the page fetches nothing; screenshots are saved for a person to look at.
/// </summary>
public sealed class ReportPageTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FirmwareRun_FiguresOnThePage_EqualSqlCounts()
    {
        var run = FirmwareRun.FirstBoot().WriteTo(_dir.Sub("boot"));
        var report = ReportRun.Of(_dir.Path, run);
        Assert.True(report.Exit == 0, report.Err);
        using var sql = new SqlCounts(run);
        await using var open = await browser.OpenAsync(report.HtmlPath);

        Assert.Equal(sql.Scalar("SELECT count(*) FROM syscall WHERE retno < 0"), await open.CardAsync("failures"));
        Assert.Equal(sql.Scalar("SELECT count(*) FROM event"), await open.CardAsync("events"));
        Assert.Equal(sql.Scalar("SELECT count(DISTINCT procname) FROM event"), await open.CardAsync("processes"));
        var notFound = sql.NotFound();
        Assert.Equal(notFound.Count, await open.CardAsync("notfound"));

        // Paths not found: every path with its count, most first.
        var paths = await open.RowsAsync("notfound-table");
        Assert.Equal(notFound.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)),
            paths.Select(r => (r[0].Text, (long)r[1].Value!.Value)));
        Assert.Equal("/dev/nvram", paths[0][0].Text);
        Assert.Contains("ENOTDIR", paths.Single(r => r[0].Text == "/tmp/nvram/config/default")[3].Text, StringComparison.Ordinal);

        // Failures by syscall and errno, with the errno's name.
        var failures = await open.RowsAsync("failures-table");
        var expected = sql.Rows("SELECT name, retno, count(*) FROM syscall WHERE retno < 0 GROUP BY 1, 2");
        Assert.Equal(expected.Count, failures.Count);
        foreach (var row in expected)
        {
            var shown = failures.Single(r => r[0].Text == (string)row[0]! && r[2].Value == -(long)row[1]!);
            Assert.Equal((long)row[2]!, (long)shown[3].Value!.Value);
            Assert.Equal(LinuxErrno.Name((long)row[1]!), shown[1].Text);
        }

        // Processes: events, first and last id.
        var processes = await open.RowsAsync("processes-table");
        foreach (var row in sql.Rows("SELECT procname, count(*), min(id), max(id) FROM event GROUP BY 1"))
        {
            var shown = processes.Single(r => r[0].Text == (string)row[0]!);
            Assert.Equal([(long)row[1]!, (long)row[2]!, (long)row[3]!], new[] { shown[1].Value, shown[2].Value, shown[3].Value }.Select(v => (long)v!.Value));
        }
        Assert.Contains("/usr/sbin/httpd", processes.Single(r => r[0].Text == "httpd")[7].Text, StringComparison.Ordinal);
        Assert.Equal("1", processes.Single(r => r[0].Text == "nvram_daemon")[8].Text);

        // Syscalls: calls and failures per name.
        var syscalls = await open.RowsAsync("syscalls-table");
        foreach (var row in sql.Rows("SELECT name, count(*), sum(retno < 0) FROM syscall GROUP BY 1"))
        {
            var shown = syscalls.Single(r => r[0].Text == (string)row[0]!);
            Assert.Equal(((long)row[1]!, (long)row[2]!), ((long)shown[1].Value!.Value, (long)shown[2].Value!.Value));
        }

        // Files read and written: counts and bytes per (file, fd).
        var files = await open.RowsAsync("files-table");
        foreach (var row in sql.Rows("SELECT fname, fd, count(*), sum(length(buffer)) FROM read GROUP BY 1, 2"))
        {
            var shown = files.Single(r => r[0].Text == (string)row[0]! && r[1].Value == (long)row[1]!);
            Assert.Equal(((long)row[2]!, (long)row[3]!), ((long)shown[2].Value!.Value, (long)shown[3].Value!.Value));
        }
        Assert.Equal(sql.Scalar("SELECT sum(length(buffer)) FROM write WHERE fname IS NULL"), (long)files.Single(r => r[0].Text == "NULL")[5].Value!.Value);

        // Tables: rows per table; the activity numbers add up to the events.
        var tables = await open.RowsAsync("tables-table");
        foreach (var row in tables)
            Assert.Equal(sql.Scalar($"SELECT count(*) FROM \"{row[0].Text}\""), (long)row[1].Value!.Value);
        var activity = await open.RowsAsync("activity-now-tables-table");
        Assert.Equal(sql.Scalar("SELECT count(*) FROM event"), (long)activity.Sum(r => r.Skip(1).Sum(c => c.Value!.Value)));

        Assert.Equal([new Uri(report.HtmlPath).AbsoluteUri], open.Requests);
        Assert.Empty(open.Console);
        await open.ScreenshotAsync("firmware-run", output);
        await open.ScreenshotAsync("firmware-run-top", output, fullPage: false);
    }

    [Fact]
    public async Task DemoRun_FiguresEqualSql_AndThePageStaysSmall()
    {
        var run = FirmwareRun.Demo(_dir.Sub("demo"), 200_000);
        var report = ReportRun.Of(_dir.Path, run);
        Assert.True(report.Exit == 0, report.Err);
        Assert.True(new FileInfo(report.HtmlPath).Length < 1_000_000, $"{new FileInfo(report.HtmlPath).Length} bytes");
        using var sql = new SqlCounts(run);
        await using var open = await browser.OpenAsync(report.HtmlPath);

        Assert.Equal(sql.Scalar("SELECT count(*) FROM syscall WHERE retno < 0"), await open.CardAsync("failures"));
        Assert.Equal(sql.Scalar("SELECT count(*) FROM event"), await open.CardAsync("events"));
        var failures = await open.RowsAsync("failures-table");
        Assert.Equal(ReportPage.RowCap, failures.Count); // the demo has more syscall x errno pairs than the page lists
        var expected = sql.Rows("SELECT name, retno, count(*) FROM syscall WHERE retno < 0 GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 DESC");
        Assert.Equal(expected.Take(ReportPage.RowCap).Select(r => (long)r[2]!), failures.Select(r => (long)r[3].Value!.Value));
        Assert.Contains($"first {ReportPage.RowCap} of {expected.Count:N0}", await open.Page.Locator("#failures .cap").InnerTextAsync(), StringComparison.Ordinal);
        var syscalls = await open.RowsAsync("syscalls-table");
        Assert.Equal(sql.Rows("SELECT name, count(*) FROM syscall GROUP BY 1").ToDictionary(r => (string)r[0]!, r => (long)r[1]!),
            syscalls.ToDictionary(r => r[0].Text, r => (long)r[1].Value!.Value));
        var details = await open.Page.Locator("#run details").AllTextContentsAsync();
        var syscallColumns = details.Single(d => d.StartsWith("syscall ", StringComparison.Ordinal));
        Assert.Contains("arg0_repr", syscallColumns, StringComparison.Ordinal);
        Assert.Contains("more than 10,000 distinct", syscallColumns, StringComparison.Ordinal); // the argument columns
        var topName = (string)sql.Rows("SELECT name FROM syscall GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")[0][0]!;
        Assert.Contains(topName, syscallColumns, StringComparison.Ordinal); // the most frequent name, among the column's values
        await open.ScreenshotAsync("demo-run", output);
        await using var dark = await browser.OpenAsync(report.HtmlPath, dark: true);
        await dark.ScreenshotAsync("demo-run-dark", output);
    }

    [Fact]
    public async Task Compare_TwoRuns_ShowsWhatAppearedAndWhatWentAway_NewFailuresFirst()
    {
        var before = FirmwareRun.FirstBoot().WriteTo(_dir.Sub("boot"));
        var after = FirmwareRun.FirstBoot(fixedConfig: true).WriteTo(_dir.Sub("fixed"));
        var report = ReportRun.Of(_dir.Path, after, "--compare", before);
        Assert.True(report.Exit == 0, report.Err);
        await using var open = await browser.OpenAsync(report.HtmlPath);

        // In the fixed run httpd.conf and mtdblock3 are found, and the socket fails with EAFNOSUPPORT: the one new failure.
        var failures = await open.RowsAsync("failures-table");
        Assert.Equal(("NEW", "sys_socket", "EAFNOSUPPORT", 2L, 0L), (failures[0][0].Text, failures[0][1].Text, failures[0][2].Text, (long)failures[0][3].Value!.Value, (long)failures[0][4].Value!.Value));
        Assert.Equal(["NEW"], failures.Where(r => r[0].Text == "NEW").Select(r => r[0].Text));
        Assert.Contains(failures, r => r[0].Text == "FEWER" && r[1].Text == "sys_openat" && r[3].Value == 9 && r[4].Value == 19);
        var newFailures = await open.RowsAsync("changes-failures");
        Assert.Equal(["sys_socket"], newFailures.Select(r => r[1].Text));

        var paths = await open.RowsAsync("notfound-table");
        Assert.Equal(["/dev/mtdblock3", "/etc/httpd.conf"], paths.Where(r => r[0].Text == "GONE").Select(r => r[1].Text).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(paths, r => r[0].Text == "NEW");
        Assert.Equal(5, await open.CardAsync("notfound")); // 7 paths before
        Assert.Equal(2, await open.CardAsync("changes-paths-found-now"));
        Assert.Equal(1, await open.CardAsync("changes-new-failures"));
        Assert.Contains("1 new failure (syscall \u00d7 error), 0 new paths not found; 2 paths found now", await open.Page.InnerTextAsync("section.start"), StringComparison.Ordinal);

        var files = await open.RowsAsync("files-table");
        Assert.Contains(files, r => r[0].Text == "NEW" && r[1].Text == "/dev/mtdblock3" && r[3].Value == 3);
        Assert.True(await open.Page.IsVisibleAsync("#activity-before-tables-chart"));
        await open.ScreenshotAsync("compare-runs", output);
    }

    [Fact]
    public async Task LiveWriter_ThePageIsOneSnapshot_EveryFigureCountsUpToItsLastId()
    {
        var run = _dir.Sub("live");
        var logger = EventLogger.Open(new EventLoggerOptions { Directory = run, Tables = PenguinTables.All, FlushInterval = TimeSpan.FromMilliseconds(5) });
        using var stop = new CancellationTokenSource();
        var trace = new PenguinTrace(seed: 7);
        var writer = Task.Run(() =>
        {
            for (long i = 0; !stop.IsCancellationRequested; i++)
                trace.AddTo(logger, i);
        });
        while (logger.WrittenEvents < 20_000)
            await Task.Delay(20);
        var report = ReportRun.Of(_dir.Path, run);
        long writtenDuring = logger.WrittenEvents;
        await stop.CancelAsync();
        await writer;
        logger.Dispose();
        Assert.True(report.Exit == 0, report.Err);

        var lastId = long.Parse(System.Text.RegularExpressions.Regex.Match(report.Html, "up to id ([0-9,]+)").Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.InRange(lastId, 20_000, writtenDuring);
        Assert.True(logger.WrittenEvents > lastId, "the writer went on after the report started");
        using var sql = new SqlCounts(run);
        await using var open = await browser.OpenAsync(report.HtmlPath);
        Assert.Equal(sql.Scalar($"SELECT count(*) FROM event WHERE id <= {lastId}"), await open.CardAsync("events"));
        Assert.Equal(sql.Scalar($"SELECT count(*) FROM syscall WHERE retno < 0 AND id <= {lastId}"), await open.CardAsync("failures"));
        foreach (var row in await open.RowsAsync("tables-table"))
            Assert.Equal(sql.Scalar($"SELECT count(*) FROM \"{row[0].Text}\" WHERE id <= {lastId}"), (long)row[1].Value!.Value);
        var syscalls = await open.RowsAsync("syscalls-table");
        Assert.Equal(sql.Scalar($"SELECT count(*) FROM syscall WHERE id <= {lastId}"), (long)syscalls.Sum(r => r[1].Value!.Value));
    }

    [Fact]
    public async Task Tables_SortOnClick_AndFilterAsYouType()
    {
        var run = FirmwareRun.FirstBoot().WriteTo(_dir.Sub("boot"));
        var report = ReportRun.Of(_dir.Path, run);
        await using var open = await browser.OpenAsync(report.HtmlPath);
        var header = open.Page.Locator("#syscalls-table th", new() { HasText = "calls" }).First;

        await header.ClickAsync(); // a number column sorts largest first
        var calls = (await open.RowsAsync("syscalls-table")).Select(r => r[1].Value!.Value).ToList();
        Assert.Equal(calls.OrderDescending(), calls);
        Assert.Equal("descending", await header.GetAttributeAsync("aria-sort"));
        await header.ClickAsync();
        calls = [.. (await open.RowsAsync("syscalls-table")).Select(r => r[1].Value!.Value)];
        Assert.Equal(calls.Order(), calls);

        var name = open.Page.Locator("#syscalls-table th", new() { HasText = "syscall" }).First;
        await name.ClickAsync(); // text sorts A to Z first
        var names = (await open.RowsAsync("syscalls-table")).Select(r => r[0].Text).ToList();
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names, StringComparer.Ordinal);

        await open.Page.FillAsync("#syscalls-table-tools input", "OPEN");
        var visible = await open.RowsAsync("syscalls-table", visibleOnly: true);
        Assert.Equal(["sys_open", "sys_openat"], visible.Select(r => r[0].Text).Order(StringComparer.Ordinal));
        Assert.Equal($"2 of {names.Count} rows", await open.Page.InnerTextAsync("#syscalls-table-tools .shown"));
        await open.Page.FillAsync("#syscalls-table-tools input", "");
        Assert.Equal(names.Count, (await open.RowsAsync("syscalls-table", visibleOnly: true)).Count);

        await open.Page.ClickAsync("button[data-show=activity-now-processes]");
        Assert.True(await open.Page.IsVisibleAsync("#activity-now-processes-chart"));
        Assert.False(await open.Page.IsVisibleAsync("#activity-now-tables-chart"));
    }

    [Fact]
    public async Task GuestStrings_ShowAsText_NeverAsMarkupOrTerminalEscapes()
    {
        const string Script = "<script>window.pwned = 1</script>";
        const string Image = "\"><img src=x onerror=\"window.pwned = 2\">";
        const string Terminal = "/tmp/\u001b]0;owned\u0007\u001b[2J\u202egnp.exe";
        var run = new FirmwareRun().Start(Script, 7, 1).Path(Script, "sys_openat", Terminal, -2, 3).Path(Image, "sys_stat64", Image, -2, 1)
            .Exec(Script, "['" + Script + "']").WriteTo(_dir.Sub("hostile"));
        var report = ReportRun.Of(_dir.Path, run);
        Assert.True(report.Exit == 0, report.Err);
        Assert.DoesNotContain(Script, report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202e", report.Html, StringComparison.Ordinal);
        await using var open = await browser.OpenAsync(report.HtmlPath);

        Assert.Null(await open.Page.EvaluateAsync<int?>("() => window.pwned"));
        Assert.Equal(0, await open.Page.Locator("img").CountAsync());
        Assert.Equal(1, await open.Page.Locator("script").CountAsync()); // the page's own
        var processes = await open.RowsAsync("processes-table");
        Assert.Contains(processes, r => r[0].Text == Script);
        Assert.Contains(processes, r => r[0].Text == Image);
        var paths = (await open.RowsAsync("notfound-table")).Select(r => r[0].Text).ToList();
        Assert.Contains("/tmp/\\x1b]0;owned\\x07\\x1b[2J\\u202egnp.exe", paths);
        Assert.Equal(4, await open.Page.Locator("#notfound-table td.g .ctl").CountAsync()); // ESC, BEL, ESC, RLO: each marked
        Assert.Empty(open.Console);
        await open.ScreenshotAsync("hostile-strings", output);
    }

    [Fact]
    public async Task Page_IsSelfContained_NoExternalResource_AndAStrictPolicy()
    {
        var run = FirmwareRun.FirstBoot().WriteTo(_dir.Sub("boot"));
        var report = ReportRun.Of(_dir.Path, run);
        Assert.DoesNotMatch("(src|href)=\"(?!#)", report.Html);
        Assert.DoesNotContain("http://", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", report.Html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", report.Html, StringComparison.Ordinal);
        await using var open = await browser.OpenAsync(report.HtmlPath);
        Assert.Single(open.Requests);
        await open.Page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        Assert.True(await open.Page.IsVisibleAsync("#activity-now-processes")); // both activity views print
        Assert.False(await open.Page.IsVisibleAsync("#syscalls-table-tools input"));
        await open.ScreenshotAsync("firmware-run-print", output);
    }
}
