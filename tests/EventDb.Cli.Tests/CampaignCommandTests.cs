using System.Text;
using EventDb.Cli.Terminal;
using EventDb.Penguin;

namespace EventDb.Cli.Tests;

/// <summary>
/// <c>eventdb export</c> and <c>eventdb campaign</c> through the tool, with the real Parquet writer and DuckDB: the same
/// formats as <c>query</c> (byte for byte on the same values), DuckDB's own types as docs/cli.md maps them, and the tool's
/// error line and exit codes.
/// </summary>
public sealed class CampaignCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteRun(string name, int syscalls, int reads)
    {
        var run = _dir.File(name);
        using var log = EventLogger.Open(new EventLoggerOptions { Directory = run, Tables = PenguinTables.All });
        for (int i = 0; i < syscalls; i++)
            log.Add(new Syscall { Name = i % 2 == 0 ? "sys_read" : "sys_getpid", Procname = name, Arg0 = ulong.MaxValue - (ulong)i });
        for (int i = 0; i < reads; i++)
            log.Add(new Read { Fd = 3, Fname = "/etc/passwd", Procname = name });
        return run;
    }

    /// <summary>A run whose table holds SQLite values at their edges (none that Parquet changes: text is valid UTF-8).</summary>
    private string WriteEdgeRun()
    {
        var run = Directory.CreateDirectory(_dir.File("edges")).FullName;
        using var db = SqlFile.Create(Path.Combine(run, EventFile.DefaultFileName));
        db.Exec("""
            CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB);
            INSERT INTO t (i, r, s, b) VALUES
              (1, 1.5, 'plain', x'41'),
              (-9223372036854775808, 0.1, 'with space', x'00ff41'),
              (9223372036854775807, 100.0, 'a,b', x'ff41'),
              (0, 1e15, '', x''),
              (NULL, 123456789012345.0, 'tab' || char(9) || 'x', NULL),
              (42, -3.75, 'é ü 日本', x'410042'),
              (7, 2.5e-300, 'DEL' || char(127), x'22'),
              (8, 1.7976931348623157e308, 'quote"', x'2c'),
              (9, 9e999, 'line1' || char(10) || 'line2' || char(13), x'0a0d'),
              (10, -9e999, 'it''s', NULL),
              (11, 1.0 / 3, 'nul' || char(0) || 'after', x'00'),
              (12, NULL, NULL, NULL);
            """);
        return run;
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("table")]
    public void Campaign_PrintsTheSameBytesAsQuery_OnTheSameValues(string format)
    {
        var run = WriteEdgeRun();
        var corpus = _dir.File("corpus");
        Assert.Equal(0, CliRun.Of("export", run, "--to", corpus).Exit);
        const string Sql = "select id, i, r, s, b from t order by id";

        var query = CliRun.Of("query", Path.Combine(run, EventFile.DefaultFileName), Sql, "--format", format);
        var campaign = CliRun.Of("campaign", corpus, Sql, "--format", format);
        Assert.Equal("", campaign.Err);
        Assert.Equal(0, campaign.Exit);
        Assert.Equal(0, query.Exit);
        Assert.Contains("日本", query.Out, StringComparison.Ordinal);
        Assert.Equal(Encoding.Latin1.GetString(query.OutBytes), Encoding.Latin1.GetString(campaign.OutBytes));
    }

    [Fact]
    public void Export_ThenCampaign_CountsEachRunAsItsFileHoldsIt_AndAnUnchangedRunIsSkipped()
    {
        var a = WriteRun("run-a", syscalls: 30, reads: 5);
        var b = WriteRun("run-b", syscalls: 12, reads: 0);
        var corpus = _dir.File("corpus");

        var export = CliRun.Of("export", a, b, "--to", corpus);
        Assert.Equal(0, export.Exit);
        Assert.Equal("", export.Err);
        Assert.Contains(export.Lines, l => l.StartsWith("exported run-a: 3 tables, 70 rows", StringComparison.Ordinal));
        Assert.Contains(export.Lines, l => l.StartsWith("exported run-b: 2 tables, 24 rows", StringComparison.Ordinal));
        Assert.StartsWith("2 runs: 2 exported, 0 skipped, 0 failed; 94 rows written in ", export.Lines[^1], StringComparison.Ordinal);

        var counts = CliRun.Of("campaign", corpus, "select run, count(*) as n, max(arg0) as top from syscall group by run order by run", "--format", "csv");
        Assert.Equal(0, counts.Exit);
        // As sqlite3 -csv -header and eventdb query: \n after each row; UBIGINT and count's BIGINT exact.
        Assert.Equal($"run,n,top\nrun-a,30,{ulong.MaxValue}\nrun-b,12,{ulong.MaxValue}\n", counts.Out);

        var again = CliRun.Of("export", a, b, "--to", corpus);
        Assert.Equal(0, again.Exit);
        Assert.All(again.Lines.SkipLast(1), l => Assert.StartsWith("skipped ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Campaign_DuckDbsTypes_AsDocumented()
    {
        var corpus = Directory.CreateDirectory(_dir.File("empty-corpus")).FullName;
        const string Sql = """
            select 1.50::DECIMAL(10,2) d, 123456789012345678901234567890.123::DECIMAL(38,3) big, -0.000001::DECIMAL(18,6) small,
              18446744073709551615::UBIGINT ub, (-170141183460469231731687303715884105727)::HUGEINT h,
              340282366920938463463374607431768211455::UHUGEINT uh, 42::TINYINT ti, 0.5::FLOAT f, true t, false f2,
              DATE '2020-01-02' dt, TIME '13:45:06.5' tm, TIMETZ '13:45:06+02:30' ttz,
              TIMESTAMP '2020-01-02 03:04:05' ts, TIMESTAMP_NS '2020-01-02 03:04:05.123456789' tsns,
              TIMESTAMPTZ '2020-01-02 03:04:05+02' tstz,
              INTERVAL '1 year 2 months -3 days 04:05:06.789' iv, INTERVAL 0 SECONDS iz, INTERVAL '-90 minutes' ineg,
              [1, NULL, 3] l, {'a': 'inf'::DOUBLE, 'b': [NULL], 'c': 'x,y'} st, MAP {1: 'a'} m, [1, 2]::INTEGER[2] arr,
              union_value(num := 2) u, 'nan'::DOUBLE nan, '-inf'::DOUBLE ninf, '\x00\x41'::BLOB bl, 'e'::ENUM('e', 'f') en,
              '00000000-0000-0000-0000-00000000002a'::UUID id, NULL::INTEGER missing
            """;
        var jsonl = CliRun.Of("campaign", corpus, Sql, "--format", "jsonl");
        Assert.Equal("", jsonl.Err);
        Assert.Equal(
            "{\"d\":1.50,\"big\":123456789012345678901234567890.123,\"small\":-0.000001,\"ub\":18446744073709551615,"
            + "\"h\":-170141183460469231731687303715884105727,\"uh\":340282366920938463463374607431768211455,\"ti\":42,\"f\":0.5,"
            + "\"t\":true,\"f2\":false,\"dt\":\"2020-01-02\",\"tm\":\"13:45:06.5\",\"ttz\":\"13:45:06+02:30\",\"ts\":\"2020-01-02T03:04:05\","
            + "\"tsns\":\"2020-01-02T03:04:05.123456789\",\"tstz\":\"2020-01-02T01:04:05+00:00\",\"iv\":\"P1Y2M-3DT4H5M6.789S\","
            + "\"iz\":\"PT0S\",\"ineg\":\"PT-1H-30M\",\"l\":[1,null,3],\"st\":{\"a\":9e999,\"b\":[null],\"c\":\"x,y\"},\"m\":{\"1\":\"a\"},"
            + "\"arr\":[1,2],\"u\":{\"num\":2},\"nan\":null,\"ninf\":-9e999,\"bl\":\"AEE=\",\"en\":\"e\","
            + "\"id\":\"00000000-0000-0000-0000-00000000002a\",\"missing\":null}\n",
            jsonl.Out);

        var csv = CliRun.Of("campaign", corpus, Sql, "--format", "csv");
        Assert.Equal("", csv.Err);
        Assert.Equal(
            "1.50,123456789012345678901234567890.123,-0.000001,18446744073709551615,-170141183460469231731687303715884105727,"
            + "340282366920938463463374607431768211455,42,0.5,true,false,2020-01-02,13:45:06.5,13:45:06+02:30,2020-01-02T03:04:05,"
            + "2020-01-02T03:04:05.123456789,2020-01-02T01:04:05+00:00,P1Y2M-3DT4H5M6.789S,PT0S,PT-1H-30M,\"[1,null,3]\","
            + "\"{\"\"a\"\":9e999,\"\"b\"\":[null],\"\"c\"\":\"\"x,y\"\"}\",\"{\"\"1\"\":\"\"a\"\"}\",\"[1,2]\",\"{\"\"num\"\":2}\",NaN,-Inf,\"\","
            + "e,00000000-0000-0000-0000-00000000002a,\n",
            csv.Lines[1] + "\n");

        // In a table, exact numbers are numbers (right-aligned on a terminal), and a FLOAT is its DOUBLE.
        var table = CliRun.With(terminal: true, color: false, "campaign", corpus, "select 0.1::FLOAT f, 12.5::DECIMAL(5,1) d, 'x' s");
        Assert.Equal(["f                  d     s", "─────────────────  ────  ─", "0.100000001490116  12.5  x"], table.Lines);
    }

    [Fact]
    public void Campaign_AQueryWhoseValuesDuckDbRenders_KeepsItsOrder()
    {
        // Nested values and dates are rendered by a SELECT around the query: its ORDER BY must still hold.
        var corpus = Directory.CreateDirectory(_dir.File("empty-corpus")).FullName;
        var run = CliRun.Of("campaign", corpus, "select i, [i, NULL] l, DATE '2020-01-01' + i::INTEGER d from range(5000) t(i) order by i desc", "--format", "csv");
        Assert.Equal("", run.Err);
        var ids = run.Lines.Skip(1).Select(l => long.Parse(l[..l.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => 4999L - i), ids);
        Assert.Equal("4999,\"[4999,null]\",2033-09-08", run.Lines[1]);
    }

    [Fact]
    public void Campaign_NoRows_PrintsWhatQueryPrints()
    {
        var corpus = Directory.CreateDirectory(_dir.File("empty-corpus")).FullName;
        Assert.Equal("", CliRun.Of("campaign", corpus, "select 1 as x where false", "--format", "csv").Out); // as sqlite3: no header
        Assert.Equal("[]\n", CliRun.Of("campaign", corpus, "select 1 as x where false", "--format", "json").Out);
        Assert.Equal("x\n", CliRun.Of("campaign", corpus, "select 1 as x where false").Out);
    }

    [Fact]
    public void Export_ABadOrClashingRunId_IsAUsageErrorInTheToolsWords()
    {
        var corpus = _dir.File("corpus");
        var run = WriteRun("run-a", 3, 0);

        var bad = CliRun.Of("export", run, "--run-id", "a b", "--to", corpus);
        Assert.Equal((2, "eventdb: The run id 'a b' has ' ': use letters, digits, '.', '_', '-' and '+' (give another with --run-id).\n"), (bad.Exit, bad.Err));

        var spaced = _dir.File("a b");
        Directory.CreateDirectory(spaced);
        File.Copy(Path.Combine(run, "plugins.db"), Path.Combine(spaced, "plugins.db"));
        var named = CliRun.Of("export", spaced, "--to", corpus);
        Assert.Equal((2, $"eventdb: {spaced}: The run id 'a b' has ' ': use letters, digits, '.', '_', '-' and '+' (give another with --run-id).\n"), (named.Exit, named.Err));

        var copy = _dir.File("elsewhere/run-a");
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(run, "plugins.db"), Path.Combine(copy, "plugins.db"));
        var clash = CliRun.Of("export", run, copy, "--to", corpus);
        Assert.Equal((2, $"eventdb: Run id 'run-a' is given by {run} and {copy}; give each run its own id.\n"), (clash.Exit, clash.Err));
        Assert.False(Directory.Exists(corpus));
    }

    [Fact]
    public void Campaign_Errors_AreOneEventdbLine_WithTheToolsExitCodes()
    {
        var corpus = _dir.File("corpus");
        Assert.Equal(0, CliRun.Of("export", WriteRun("run-a", 3, 0), "--to", corpus).Exit);

        var bad = CliRun.Of("campaign", corpus, "select nope from syscall");
        Assert.Equal(1, bad.Exit);
        Assert.Equal("", bad.Out);
        Assert.StartsWith("eventdb: ", bad.Err, StringComparison.Ordinal);
        Assert.Contains("nope", bad.Err, StringComparison.Ordinal);
        Assert.Single(bad.Err.TrimEnd('\n').Split('\n'));

        var copy = CliRun.Of("campaign", corpus, $"COPY syscall TO '{_dir.File("out.csv")}'");
        Assert.Equal(1, copy.Exit);
        Assert.StartsWith("eventdb: a campaign runs one query", copy.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("out.csv")));

        var nowhere = CliRun.Of("campaign", _dir.File("nowhere"), "select 1");
        Assert.Equal(2, nowhere.Exit);
        Assert.StartsWith("eventdb: There is no corpus at ", nowhere.Err, StringComparison.Ordinal);

        Assert.Equal(2, CliRun.Of("campaign", corpus, " ").Exit);
        Assert.Equal(2, CliRun.Of("campaign", corpus, "select 1", "--format", "xml").Exit);

        var empty = Directory.CreateDirectory(_dir.File("empty-corpus")).FullName;
        var missing = CliRun.Of("campaign", empty, "select count(*) from syscall");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("has no tables yet: export runs into it first", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Campaign_ReadingOutsideTheCorpus_IsOneLineSayingWhy_AndAllowPathLetsADirectoryIn()
    {
        var corpus = _dir.File("corpus");
        Assert.Equal(0, CliRun.Of("export", WriteRun("run-a", 3, 0), "--to", corpus).Exit);
        var meta = Directory.CreateDirectory(_dir.File("meta")).FullName;
        File.WriteAllText(Path.Combine(meta, "firmware.csv"), "run,vendor\nrun-a,acme\n");
        string join = $"select f.vendor, count(*) as n from syscall join '{meta}/firmware.csv' f using (run) group by 1";

        var refused = CliRun.Of("campaign", corpus, join);
        Assert.Equal(1, refused.Exit);
        Assert.Equal("", refused.Out);
        Assert.Single(refused.Err.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"eventdb: Permission Error: Cannot access file \"{meta}/firmware.csv\"", refused.Err, StringComparison.Ordinal);
        Assert.EndsWith("(a campaign reads its corpus and the paths given with --allow-path, nothing else)\n", refused.Err, StringComparison.Ordinal);

        var allowed = CliRun.Of("campaign", corpus, join, "--allow-path", meta, "--allow-path", _dir.File("corpus"), "--format", "csv");
        Assert.Equal("", allowed.Err);
        Assert.Equal("vendor,n\nacme,3\n", allowed.Out);

        var typo = CliRun.Of("campaign", corpus, "select 1", "--allow-path", _dir.File("metta"));
        Assert.Equal(2, typo.Exit);
        Assert.StartsWith("eventdb: There is no file or directory at ", typo.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_Failures_AreEventdbLines_WithTheToolsExitCodes()
    {
        var corpus = _dir.File("corpus");
        var good = WriteRun("good", 5, 0);
        var garbage = Directory.CreateDirectory(_dir.File("garbage")).FullName;
        File.WriteAllText(Path.Combine(garbage, EventFile.DefaultFileName), "not a database\n");

        var mixed = CliRun.Of("export", good, garbage, "--to", corpus);
        Assert.Equal(1, mixed.Exit); // a run failed; the other is exported
        Assert.StartsWith("eventdb: failed garbage: ", mixed.Err, StringComparison.Ordinal);
        Assert.Contains("1 exported, 0 skipped, 1 failed", mixed.Out, StringComparison.Ordinal);

        var noTo = CliRun.Of("export", good);
        Assert.Equal(2, noTo.Exit);
        Assert.Contains("--to", noTo.Err, StringComparison.Ordinal);

        var twins = CliRun.Of("export", good, good, "--to", corpus, "--run-id", "x");
        Assert.Equal(2, twins.Exit);
        Assert.StartsWith("eventdb: ", twins.Err, StringComparison.Ordinal);

        var escape = CliRun.Of("export", good, "--to", corpus, "--run-id", "../out");
        Assert.Equal(2, escape.Exit);
        Assert.StartsWith("eventdb: ", escape.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChildProcess.SigInt)]
    [InlineData(ChildProcess.SigTerm)]
    public void Export_StoppedBySignal_MidRun_Exits130_AndTheRunIsNotInTheCorpus(int signal)
    {
        var run = Directory.CreateDirectory(_dir.File("big")).FullName;
        using (var db = SqlFile.Penguin(Path.Combine(run, EventFile.DefaultFileName)))
        {
            db.Exec("""
                WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 600000)
                INSERT INTO event SELECT k, 'syscall', 'p' || (k % 50), k % 7 FROM n;
                INSERT INTO syscall (id, name, retno, retno_repr, arg0, arg0_repr, arg1, arg1_repr)
                  SELECT id, 'sys_' || (id % 30), id, printf('%x', id), id * 7, printf('0x%x', id * 7), id, 'r' || id FROM event;
                """);
        }
        var corpus = _dir.File("corpus");
        var timeout = TimeSpan.FromSeconds(60);
        using (var child = ChildProcess.Start("EventDb.Cli", "export", run, "--to", corpus))
        {
            // The run is being written under _tmp once its directory is there; its 1.2 million rows take a while.
            var temporary = Path.Combine(corpus, "_tmp");
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!(Directory.Exists(temporary) && Directory.EnumerateDirectories(temporary).Any()) && waited.Elapsed < timeout)
                Thread.Sleep(5);
            child.Signal(signal);
            Assert.Equal(130, child.WaitForExit(timeout));
            Assert.StartsWith("eventdb: export cancelled", child.StandardError, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(Path.Combine(corpus, "table=syscall")));
        Assert.False(File.Exists(Path.Combine(corpus, "_runs", "big.json")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(corpus, "_tmp")));
        Assert.Equal(0, CliRun.Of("export", run, "--to", corpus).Exit); // the next export takes the run whole
    }

    [Fact]
    public void Export_Cancelled_ExitsWith130_AndLeavesNoHalfRun()
    {
        var corpus = _dir.File("corpus");
        using var output = new MemoryStream();
        using var error = new StringWriter();
        int exit = Cli.Run(["export", WriteRun("run-a", 50, 0), "--to", corpus], new CliConsole { Out = output, Error = error }, new CancellationToken(canceled: true));
        Assert.Equal(130, exit);
        Assert.StartsWith("eventdb: export cancelled", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(corpus, "table=syscall")));
    }
}
