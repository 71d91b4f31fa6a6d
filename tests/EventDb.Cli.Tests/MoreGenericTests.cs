using EventDb.Cli.Terminal;
using EventDb.Penguin;

namespace EventDb.Cli.Tests;

/// <summary>Generic commands on files that are not Penguin's, and what the terminal detection decides.</summary>
public sealed class MoreGenericTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Tail_TableWithoutIdColumn_FollowsItsRowid()
    {
        using (var db = SqlFile.Create(_dir.File("x.db")))
            db.Exec("CREATE TABLE notes (body TEXT, n REAL); INSERT INTO notes VALUES ('a', 1), ('b', 2.5), ('c', NULL);");
        Assert.Equal("body\tn\nb\t2.5\nc\t\n", CliRun.Of("tail", _dir.File("x.db"), "notes", "-n", "2").Out);
    }

    [Fact]
    public void Tail_MoreRowsThanAChunk_TheLastOnesInIdOrder_AndIdsThatAreNotIntegersFail()
    {
        using (var db = SqlFile.Create(_dir.File("x.db")))
        {
            db.Exec("""
                CREATE TABLE big (id INTEGER PRIMARY KEY, v INTEGER);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) INSERT INTO big SELECT i * 3, i FROM n;
                CREATE TABLE odd (id TEXT, v); INSERT INTO odd VALUES ('a', 1);
                """);
        }
        var lines = CliRun.Of("tail", _dir.File("x.db"), "big", "-n", "5000").Lines;
        Assert.Equal(["id\tv", .. Enumerable.Range(5_001, 5_000).Select(i => $"{i * 3}\t{i}")], lines);
        var odd = CliRun.Of("tail", _dir.File("x.db"), "odd");
        Assert.Equal(1, odd.Exit);
        Assert.Contains("'odd'", odd.Err, StringComparison.Ordinal);
        Assert.Contains("not an integer", odd.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1e3")]
    [InlineData("-1")]
    [InlineData("2147483648")]
    [InlineData("99999999999")]
    public void Tail_LinesNotAWholeNumberInRange_IsAUsageError(string lines)
    {
        using (var db = SqlFile.Create(_dir.File("x.db")))
            db.Exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('a');");
        var run = CliRun.Of("tail", _dir.File("x.db"), "notes", "-n", lines);
        Assert.Equal((2, "", $"eventdb: -n must be a whole number from 0 to 2147483647, not '{lines}'. (see 'eventdb tail --help')\n"), (run.Exit, run.Out, run.Err));
    }

    [Fact]
    public void Tail_LinesAtItsLimits()
    {
        using (var db = SqlFile.Create(_dir.File("x.db")))
            db.Exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('a'), ('b');");
        Assert.Equal("body\n", CliRun.Of("tail", _dir.File("x.db"), "notes", "-n", "0").Out);
        Assert.Equal("body\na\nb\n", CliRun.Of("tail", _dir.File("x.db"), "notes", "-n", "2147483647").Out);
        Assert.Equal("body\na\nb\n", CliRun.Of("tail", _dir.File("x.db"), "notes").Out); // 10 by default
    }

    [Fact]
    public void Tail_TableNamesWithQuotesAndSpaces_AndAnEmptyTable()
    {
        using (var db = SqlFile.Create(_dir.File("x.db")))
        {
            db.Exec("""
                CREATE TABLE "we""ird tab" (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO "we""ird tab" (v) VALUES ('a'), ('b');
                CREATE TABLE [a b] (x); INSERT INTO [a b] VALUES (1);
                CREATE TABLE zero (id INTEGER PRIMARY KEY, x);
                """);
        }
        Assert.Equal("id\tv\n1\ta\n2\tb\n", CliRun.Of("tail", _dir.File("x.db"), "we\"ird tab").Out);
        Assert.Equal("x\n1\n", CliRun.Of("tail", _dir.File("x.db"), "a b").Out);
        Assert.Equal((0, "id\tx\n", ""), CliRun.Of("tail", _dir.File("x.db"), "zero") is var r ? (r.Exit, r.Out, r.Err) : default);
        Assert.Equal("", CliRun.Of("tail", _dir.File("x.db"), "zero", "--format", "csv").Out); // as sqlite3 -csv -header: nothing
        Assert.Equal("[]\n", CliRun.Of("tail", _dir.File("x.db"), "zero", "--format", "json").Out);
        var missing = CliRun.Of("tail", _dir.File("x.db"), "we\"ird");
        Assert.Equal((1, $"eventdb: '{_dir.File("x.db")}' has no table 'we\"ird' (its tables: a b, we\"ird tab, zero).\n"), (missing.Exit, missing.Err));
    }

    [Fact]
    public void EmptyFile_IsAnEmptyDatabase_AsForSqlite()
    {
        File.WriteAllBytes(_dir.File("empty.db"), []);
        Assert.Equal(0, CliRun.Of("info", _dir.File("empty.db")).Exit);
        Assert.Equal("", CliRun.Of("schema", _dir.File("empty.db")).Out);
        Assert.Equal((1, $"eventdb: '{_dir.File("empty.db")}' has no table 't': it has no tables at all.\n"),
            CliRun.Of("tail", _dir.File("empty.db"), "t") is var r ? (r.Exit, r.Err) : default);
        Assert.Equal(0, new FileInfo(_dir.File("empty.db")).Length); // reading it wrote no header
    }

    [Fact]
    public void Info_WhileALoggerWrites_ShowsItsPidAndWal()
    {
        using var logger = EventLogger.Open(new EventLoggerOptions { Directory = _dir.Path, Tables = PenguinTables.All });
        logger.Add(new Syscall { Name = "sys_getpid", Procname = "init" });
        logger.Flush();
        var lines = CliRun.Of("info", _dir.Path).Lines;
        Assert.Contains("journal_mode\twal", lines);
        Assert.Contains($"writer_pid\t{Environment.ProcessId}", lines);
        Assert.Contains(lines, l => l.StartsWith("wal_size\t", StringComparison.Ordinal));
        Assert.Contains("table\tsyscall\t1\t1\t1", lines);
    }

    [Fact]
    public void Info_Piped_TabsNewlinesAndBackslashesInNamesAreEscaped_SoEachLineKeepsItsFields()
    {
        var path = _dir.File("new\nline.db");
        using (var db = SqlFile.Create(path))
            db.Exec("CREATE TABLE \"a\tb\nc\\d\" (id INTEGER PRIMARY KEY); INSERT INTO \"a\tb\nc\\d\" VALUES (7);");

        var lines = CliRun.Of("info", path).Lines;

        Assert.Equal(path.Replace("\n", "\\n", StringComparison.Ordinal), Assert.Single(lines, l => l.StartsWith("file\t", StringComparison.Ordinal))[5..]);
        Assert.Equal("table\ta\\tb\\nc\\\\d\t1\t7\t7", Assert.Single(lines, l => l.StartsWith("table\t", StringComparison.Ordinal)));
    }

    [Fact]
    public void Query_NotADatabase_And_MissingFile_And_DirectoryWithoutPluginsDb()
    {
        File.WriteAllText(_dir.File("text.db"), new string('x', 200));
        Assert.Equal((1, $"eventdb: '{_dir.File("text.db")}' is not an SQLite database.\n"), Err(CliRun.Of("query", _dir.File("text.db"), "select 1")));
        Assert.Equal((1, $"eventdb: '{_dir.File("none.db")}': no such file or directory.\n"), Err(CliRun.Of("schema", _dir.File("none.db"))));
        Assert.Equal((1, $"eventdb: '{_dir.Path}' is a directory with no plugins.db in it.\n"), Err(CliRun.Of("info", _dir.Path)));
        Assert.Equal((2, "eventdb: query: the SQL is empty.\n"), Err(CliRun.Of("query", _dir.File("text.db"), "  ")));

        static (int, string) Err(CliRun run) => (run.Exit, run.Err);
    }

    [Theory]
    [InlineData(null, "xterm-256color", true)]
    [InlineData("", "xterm", true)]         // an empty NO_COLOR does not count (no-color.org)
    [InlineData("1", "xterm", false)]
    [InlineData(null, "dumb", false)]
    public void Colour_NoColorAndDumbTerminals(string? noColor, string? term, bool allowed) =>
        Assert.Equal(allowed, CliConsole.ColorAllowed(noColor, term));

    [Fact]
    public void Query_TerminalWithColour_BoldHeaderDimRuleAndNull() =>
        Assert.Equal("\e[1mx\e[0m  \e[1mn\e[0m\n\e[2m─\e[0m  \e[2m────\e[0m\n1  \e[2mNULL\e[0m\n",
            CliRun.With(terminal: true, color: true, "query", WriteEmpty(), "select 1 as x, null as n").Out);

    private string WriteEmpty()
    {
        using (SqlFile.Create(_dir.File("empty.db")).Exec("CREATE TABLE t (id INTEGER PRIMARY KEY)"))
        {
        }
        return _dir.File("empty.db");
    }
}
