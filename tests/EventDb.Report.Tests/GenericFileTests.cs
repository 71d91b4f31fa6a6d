using Xunit.Abstractions;

namespace EventDb.Report.Tests;

/// <summary>
/// A file of other event types than Penguin's: the page shows the run (rows, ids, each column's most frequent values,
/// activity by table) and no Penguin section; and what the command does with bad arguments.
/// </summary>
public sealed class GenericFileTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteSensors(int n)
    {
        var directory = _dir.Sub("sensors");
        using var logger = EventLogger.Open(new EventLoggerOptions { Directory = directory, FileName = "sensors.db" });
        string[] sensors = ["boiler", "attic", "cellar", "garage"];
        for (int i = 0; i < n; i++)
        {
            logger.Add(new SensorReading { Sensor = sensors[i % 4 == 3 ? 0 : i % 4], Value = i % 10 / 2.0, Code = i });
            if (i % 50 == 0)
                logger.Add(new Alarm { Sensor = sensors[i % 4], Message = i % 100 == 0 ? null : "too hot" });
        }
        return Path.Combine(directory, "sensors.db");
    }

    [Fact]
    public async Task OtherEventTypes_ShowTheRunAndEachColumnsValues_NoPenguinSections()
    {
        var file = WriteSensors(2_000);
        var report = ReportRun.Of(_dir.Path, file);
        Assert.True(report.Exit == 0, report.Err);
        using var sql = new SqlCounts(Path.GetDirectoryName(file)!, Path.GetFileName(file));
        await using var open = await browser.OpenAsync(report.HtmlPath);

        Assert.Equal(0, await open.Page.Locator("#failures, #notfound, #processes, #syscalls, #files").CountAsync());
        Assert.Equal(sql.Scalar("SELECT (SELECT count(*) FROM sensor_reading) + (SELECT count(*) FROM alarm)"), await open.CardAsync("events"));
        Assert.Equal(2, await open.CardAsync("tables"));
        var tables = await open.RowsAsync("tables-table");
        Assert.Equal([("alarm", sql.Scalar("SELECT count(*) FROM alarm")), ("sensor_reading", 2_000L)], tables.Select(r => (r[0].Text, (long)r[1].Value!.Value)));

        var details = await open.Page.Locator("#run details").AllTextContentsAsync();
        var readings = details.Single(d => d.StartsWith("sensor_reading ", StringComparison.Ordinal));
        foreach (var row in sql.Rows("SELECT sensor, count(*) FROM sensor_reading GROUP BY 1"))
            Assert.Contains($"{row[0]}{(long)row[1]!:N0}", readings, StringComparison.Ordinal);
        Assert.Contains("2,000 distinct", readings, StringComparison.Ordinal); // code: every value once, under the limit
        Assert.Contains($"{sql.Scalar("SELECT count(*) FROM alarm WHERE message IS NULL")} NULL", details.Single(d => d.StartsWith("alarm ", StringComparison.Ordinal)), StringComparison.Ordinal);
        var activity = await open.RowsAsync("activity-now-tables-table");
        Assert.Equal(2_000 + sql.Scalar("SELECT count(*) FROM alarm"), (long)activity.Sum(r => r.Skip(1).Sum(c => c.Value!.Value)));
        await open.ScreenshotAsync("generic-file", output);
    }

    [Fact]
    public async Task OddFiles_EmptyDatabase_StrangeTableNames_HugeStrings_StillMakeASmallPage()
    {
        var empty = Path.Combine(_dir.Path, "empty.db");
        File.WriteAllBytes(empty, []); // SQLite reads an empty file as a database without tables
        var report = ReportRun.Of(_dir.Path, empty);
        Assert.True(report.Exit == 0, report.Err);
        await using (var open = await browser.OpenAsync(report.HtmlPath))
        {
            Assert.Equal(0, await open.CardAsync("tables"));
            Assert.Empty(open.Console);
        }

        var odd = Path.Combine(_dir.Path, "odd.db");
        var huge = "/" + new string('a', 1_000_000);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={odd};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE \"<b>bold</b>\" (id INTEGER PRIMARY KEY, \"a\"\"b\" TEXT, \"\u001b[31m\" BLOB);"
                + "INSERT INTO \"<b>bold</b>\" VALUES (1, $huge, x'00ff'), (2, $huge, NULL), (3, 'x', zeroblob(100000));";
            command.Parameters.AddWithValue("$huge", huge);
            command.ExecuteNonQuery();
        }
        report = ReportRun.Of(_dir.Path, odd);
        Assert.True(report.Exit == 0, report.Err);
        Assert.True(report.Html.Length < 200_000, $"{report.Html.Length} characters");
        Assert.DoesNotContain("<b>bold", report.Html, StringComparison.Ordinal);
        await using var page = await browser.OpenAsync(report.HtmlPath);
        Assert.Equal(["<b>bold</b>"], (await page.RowsAsync("tables-table")).Select(r => r[0].Text));
        var columns = (await page.Page.Locator("#run details").AllTextContentsAsync()).Single();
        Assert.Contains("a\"b", columns, StringComparison.Ordinal);
        Assert.Contains("\\x1b[31m", columns, StringComparison.Ordinal);
        Assert.Contains("(+999,601 characters)", columns, StringComparison.Ordinal); // a guest string is cut at 400 characters
        Assert.Empty(page.Console);
    }

    [Fact]
    public void BadArguments_OneLineAndAnExitCode_NothingWritten()
    {
        var file = WriteSensors(10);
        var missing = ReportRun.Raw("report", Path.Combine(_dir.Path, "nope.db"), "-o", Path.Combine(_dir.Path, "x.html"));
        Assert.Equal((1, ""), (missing.Exit, missing.Out));
        Assert.StartsWith("eventdb: ", missing.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "x.html")));

        var overTheDb = ReportRun.Raw("report", file, "-o", file);
        Assert.Equal(1, overTheDb.Exit);
        Assert.Contains("it is the database being read", overTheDb.Err, StringComparison.Ordinal);
        var overTheOther = ReportRun.Raw("report", file, "--compare", file, "-o", file + "-journal");
        Assert.Equal(1, overTheOther.Exit);

        var noDir = ReportRun.Raw("report", file, "-o", Path.Combine(_dir.Path, "no", "such", "dir.html"));
        Assert.Equal(1, noDir.Exit);
        Assert.Contains("there is no directory", noDir.Err, StringComparison.Ordinal);

        var stdout = ReportRun.Raw("report", file, "-o", "-");
        Assert.Equal(0, stdout.Exit);
        Assert.StartsWith("<!DOCTYPE html>", stdout.Out, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", stdout.Out, StringComparison.Ordinal);

        var notADatabase = Path.Combine(_dir.Path, "text.db");
        File.WriteAllText(notADatabase, "this is not an SQLite file, but long enough to have a header of sorts ..........");
        var text = ReportRun.Raw("report", notADatabase, "-o", Path.Combine(_dir.Path, "y.html"));
        Assert.Equal(1, text.Exit);
        Assert.Contains("is not an SQLite database", text.Err, StringComparison.Ordinal);
        var noDb = ReportRun.Raw("report", _dir.Sub("nothing-here"), "-o", Path.Combine(_dir.Path, "y.html"));
        Assert.Equal(1, noDb.Exit);
        Assert.Contains("with no plugins.db", noDb.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "y.html")));

        Assert.Equal(2, ReportRun.Raw("report").Exit); // RUN is required
        Assert.Equal(2, ReportRun.Raw("report", file, "--bogus").Exit);
    }
}

[EventTable("sensor_reading")]
public partial record struct SensorReading
{
    public string Sensor { get; init; }
    public double Value { get; init; }
    public long Code { get; init; }
}

[EventTable("alarm")]
public partial record struct Alarm
{
    public string Sensor { get; init; }
    public string? Message { get; init; }
}
