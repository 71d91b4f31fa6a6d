namespace EventDb.Cli.Tests;

/// <summary>
/// A guest's text that a terminal would obey (<c>ESC ] 0 ; title BEL</c> retitles it, <c>ESC [ 2 J</c> clears it) in every
/// field a command prints: on a real terminal (a pseudo-terminal from <c>script</c>) each such character is shown as
/// <c>\xHH</c>, by every command, colour or not; into a pipe the bytes are the file's, byte for byte.
/// </summary>
public sealed class GuestTextOnATerminalTests : IClassFixture<GuestTextOnATerminalTests.GuestFile>
{
    /// <summary>Sets the terminal's title to "pwned", then clears the screen.</summary>
    private const string Evil = "\e]0;pwned\a\e[2J";

    private const string Shown = @"\x1b]0;pwned\x07\x1b[2J";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    private readonly GuestFile _file;

    public GuestTextOnATerminalTests(GuestFile file) => _file = file;

    /// <summary>A Penguin file whose process names, file names, argv, call tree, syscall name and reprs all hold <see cref="Evil"/>.</summary>
    public sealed class GuestFile : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public GuestFile()
        {
            using var db = SqlFile.Penguin(_dir.DbPath);
            db.Exec(1, "p" + Evil, "init" + Evil, $"['/bin/{Evil}']")
                .Syscall(2, "p" + Evil, "sys_" + Evil, -1, Evil, (1, "fd=" + Evil))
                .Read(3, "p" + Evil, 3, "/etc/" + Evil, [0x41])
                .Write(4, "p" + Evil, 4, "/dev/" + Evil, [0x42]);
        }

        public string Results => _dir.Path;

        public string DbPath => _dir.DbPath;

        public void Dispose() => _dir.Dispose();
    }

    public static TheoryData<string> Commands => new()
    {
        "execs --results DIR",
        "syscalls --results DIR",
        "reads --results DIR",
        "writes --results DIR",
        "tasks --results DIR",
        "fds --results DIR",
        "query DB 'SELECT procname, type FROM event'",
        "query DB 'SELECT procname FROM event' --format csv",
        "tail DB event",
        "tail DB read -n 1 --format csv",
    };

    private string CommandLine(string command) =>
        "eventdb " + command.Replace("DIR", Pipeline.Quote(_file.Results), StringComparison.Ordinal).Replace("DB", Pipeline.Quote(_file.DbPath), StringComparison.Ordinal);

    /// <summary>Runs the command with its output on a new pseudo-terminal (<c>script</c>); what the terminal received.</summary>
    private ShellRun OnATerminal(string command, bool color)
    {
        var environment = new Dictionary<string, string> { ["SHELL"] = "/bin/bash", ["TERM"] = "xterm-256color", ["NO_COLOR"] = color ? "" : "1" };
        var run = ShellRun.Of($"script -qec {Pipeline.Quote(CommandLine(command))} /dev/null", s_timeout, environment);
        Assert.True(run.Exit == 0, $"exit {run.Exit}: {run.Out} {run.Err}");
        return run;
    }

    private static void AssertShownNotObeyed(string terminal)
    {
        Assert.Contains(Shown, terminal, StringComparison.Ordinal);
        Assert.DoesNotContain("\e]", terminal, StringComparison.Ordinal);
        Assert.DoesNotContain("\e[2J", terminal, StringComparison.Ordinal);
        Assert.DoesNotContain("\a", terminal, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void OnATerminal_EveryCommand_ShowsTheSequencesEscaped(string command) =>
        AssertShownNotObeyed(OnATerminal(command, color: false).Out);

    [Theory]
    [InlineData("syscalls --results DIR")]
    [InlineData("query DB 'SELECT procname FROM event'")]
    public void OnATerminalInColour_OnlyTheToolsOwnSequencesReachIt(string command)
    {
        var terminal = OnATerminal(command, color: true).Out;
        AssertShownNotObeyed(terminal);
        Assert.Matches(@"\e\[(36|1|2)m", terminal); // the tool's colours still do
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void IntoAPipe_EveryCommand_WritesTheBytesAsStored(string command)
    {
        var run = ShellRun.Of(CommandLine(command) + " | cat", s_timeout);
        Assert.Equal(0, run.Exit);
        Assert.Contains(Evil, run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(@"\x1b", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_BytesThatAreNotUtf8_EscapedOnATerminal_ByteForByteIntoAPipe()
    {
        const string query = "query DB \"SELECT CAST(X'41FF1B42' AS TEXT) AS t\" --format csv";
        Assert.Contains("\"A\\xff\\x1bB\"", OnATerminal(query, color: false).Out, StringComparison.Ordinal);
        var piped = ShellRun.Of(CommandLine(query) + " | od -An -v -tx1 | tr -d ' \\n'", s_timeout);
        Assert.Equal("740a2241ff1b42220a", piped.Out); // t \n " A ff 1b B " \n
    }
}
