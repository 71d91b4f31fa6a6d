using EventDb.Cli.Terminal;
using EventDb.Penguin;

namespace EventDb.Cli.Tests;

/// <summary>Generic commands on files that are not Penguin's, and what the terminal detection decides.</summary>
public sealed class MoreGenericTests : IDisposable
{
    private readonly TestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Tail_TableWithoutIdColumn_FollowsItsRowid()
    {
        using (var db = SqlFile.Create(_dir.File("x.db")))
            db.Exec("CREATE TABLE notes (body TEXT, n REAL); INSERT INTO notes VALUES ('a', 1), ('b', 2.5), ('c', NULL);");
        Assert.Equal("body\tn\nb\t2.5\nc\t\n", CliRun.Of("tail", _dir.File("x.db"), "notes", "-n", "2").Out);
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
