using static EventDb.Cli.Tests.PenguinFile;

namespace EventDb.Cli.Tests;

/// <summary>
/// Penguin's <c>db</c> subcommands on a file Penguin's own logger could have written: every row selected in id order and
/// printed as Penguin prints it with <c>--output FILE</c>, one line (plus <c>\n</c>) per row, on a pipe and in a file.
/// </summary>
public sealed class PenguinCommandTests(PenguinFile file) : IClassFixture<PenguinFile>
{
    private CliRun Run(params string[] args) => CliRun.Of([.. args, "--results", file.Results]);

    [Fact]
    public void Syscalls_EveryRow_PrefixedWithItsProcname() => AssertOut(Text(Syscalls), Run("syscalls"));

    [Fact]
    public void Execs_EveryRow_TheEmptyCalltreeLeavesATrailingSpace() => AssertOut(Text(Execs), Run("execs"));

    [Fact]
    public void Reads_EveryRow_BuffersAsPythonBytesRepr() => AssertOut(Text(Reads), Run("reads"));

    [Fact]
    public void Writes_EveryRow_NullFnameIsNoneAndEmptyBufferIsBQuotes() => AssertOut(Text(Writes), Run("writes"));

    [Fact]
    public void Tasks_EachProcnameOnceInOrderOfFirstId_TheExitsEmptyNameIsAnEmptyLine() => AssertOut(Text(Tasks), Run("tasks"));

    [Fact]
    public void Fds_DistinctTriplesOfTheWriteTable_SortedAsPython() => AssertOut(Text(Fds), Run("fds"));

    [Fact]
    public void Fds_ProcnameGiven_DropsThePrefix() =>
        AssertOut(Text("4 /var/log/it's.log", "9 None"), Run("fds", "--procname", "http"));

    [Fact]
    public void Fds_EmptyProcname_KeepsThePrefixAndFiltersNothing() => AssertOut(Text(Fds), Run("fds", "--procname", ""));

    [Fact]
    public void Fds_Fd_FiltersTheDescriptor() => AssertOut(Text("(httpd) 9 None"), Run("fds", "--fd", "9"));

    [Fact]
    public void Procname_IsASubstringAndDropsThePrefix() =>
        AssertOut(Text(NoPrefix(Syscalls[1]), NoPrefix(Syscalls[3])), Run("syscalls", "--procname", "box"));

    [Fact]
    public void Procname_Empty_FiltersNothingButDropsThePrefix() =>
        AssertOut(Text([.. Syscalls.Select(NoPrefix)]), Run("syscalls", "--procname", ""));

    [Theory]
    [InlineData("HTTPD")]   // LIKE ignores ASCII case
    [InlineData("h_tpd")]   // _ is any one character
    [InlineData("t%d")]     // % is any run
    public void Procname_HasLikeSemantics(string procname) => AssertOut(Text(NoPrefix(Syscalls[2])), Run("syscalls", "--procname", procname));

    [Fact]
    public void Filename_LikeIgnoresOnlyAsciiCase() => AssertOut("", Run("reads", "--filename", "/äbc"));

    [Theory]
    [InlineData("getpid", new[] { 3, 4 })]       // sys_ put in front: %sys_getpid%
    [InlineData("sys_getpid", new[] { 3, 4 })]   // already there: kept once
    [InlineData("open", new[] { 1 })]            // sys_openat contains sys_open
    [InlineData("get", new[] { 3, 4 })]          // %sys_get%
    [InlineData("SYS_getpid", new int[0])]       // the prefix test is case-sensitive: %sys_SYS_getpid%
    [InlineData("read", new[] { 2 })]
    public void Syscall_FiltersTheNameWithTheSysPrefix(string syscall, int[] rows) =>
        AssertOut(Text([.. rows.Select(i => Syscalls[i])]), Run("syscalls", "--syscall", syscall));

    [Fact]
    public void Errors_NegativeRetnoOnly_NullIsNotAnError() => AssertOut(Text(Syscalls[1], Syscalls[2]), Run("syscalls", "--errors"));

    [Fact]
    public void Filters_Combine() =>
        AssertOut(Text(NoPrefix(Syscalls[1])), Run("syscalls", "--procname", "busybox", "--errors", "--syscall", "open"));

    [Theory]
    [InlineData("3")]
    [InlineData("03")]    // the value is bound as TEXT and SQLite converts it for the INTEGER column
    [InlineData("+3")]
    [InlineData("3.0")]
    public void Fd_NumericText_MatchesTheNumber(string fd) => AssertOut(Text(Reads[0], Reads[3]), Run("reads", "--fd", fd));

    [Theory]
    [InlineData("0x3")]
    [InlineData("abc")]
    public void Fd_NotANumber_MatchesNothing(string fd) => AssertOut("", Run("reads", "--fd", fd));

    [Fact]
    public void Fd_Negative_IsAValueNotAnOption() => AssertOut(Text(Reads[2]), Run("reads", "--fd", "-1"));

    [Fact]
    public void Filename_SubstringIgnoringAsciiCase() => AssertOut(Text(Reads[1]), Run("reads", "--filename", "SOCKET"));

    [Fact]
    public void Filename_NullNeverMatches() => AssertOut(Text(Writes[0], Writes[1]), Run("writes", "--filename", "%"));

    [Fact]
    public void Execs_Filename_IsASubstringOfArgv() => AssertOut(Text(Execs[1]), Run("execs", "--filename", "httpd"));

    [Fact]
    public void Execs_Fd_IsAUsageError()
    {
        var run = Run("execs", "--fd", "1");
        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Equal("eventdb: execs: --fd filters reads, writes and fds; an exec has no file descriptor.\n", run.Err);
    }

    [Fact]
    public void RepeatedOption_LastOneWins() => AssertOut(Text(Reads[2]), Run("reads", "--fd", "3", "--fd", "-1"));

    [Fact]
    public void Output_File_GetsExactlyTheLinesAndReplacesWhatWasThere()
    {
        using var dir = new TempDirectory();
        var path = dir.File("out.txt");
        File.WriteAllText(path, "old content that is longer than nothing\n");
        var run = Run("syscalls", "--output", path);
        Assert.Equal(0, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Equal(Text(Syscalls), File.ReadAllText(path));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("/dev/stdout")]
    public void Output_StandardOutputNames_WriteToStandardOutput(string output) => AssertOut(Text(Execs), Run("execs", "--output", output));

    [Fact]
    public void Output_NoMatches_CreatesAnEmptyFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("empty.txt");
        Assert.Equal(0, Run("reads", "--fd", "77", "--output", path).Exit);
        Assert.Equal("", File.ReadAllText(path));
    }

    [Fact]
    public void Output_DirectoryMissing_IsAnErrorLine()
    {
        var run = Run("tasks", "--output", "/nonexistent-dir/x/out.txt");
        Assert.Equal(1, run.Exit);
        Assert.Equal("eventdb: Cannot write '/nonexistent-dir/x/out.txt': there is no directory '/nonexistent-dir/x'.\n", run.Err);
    }

    [Fact]
    public void Terminal_WithColour_SameCharactersWithTheProcnameAndAFailedReturnColoured()
    {
        var run = CliRun.With(terminal: true, color: true, "syscalls", "--results", file.Results, "--errors");
        Assert.Equal(
            "\e[36m(/bin/busybox) \e[0msys_openat(dfd=0xffffffffffffff9c(-0x64), filename=0x7ffe0010(\"/etc/config.xml\")(0x7ffe0010), flags=0x80000(0x80000), mode=0x0(0x0), (0x0), (0x0))\e[31m = -2(ENOENT(No such file or directory))\e[0m\n"
            + "\e[36m(httpd) \e[0msys_read(fd=0x0([???])(0x0), buf=0xbeef00(ptr)(0xbeef00), count=0x1000(0x1000), (0x0), (0x0), (0x0))\e[31m = -512(-0x200)\e[0m\n",
            run.Out);
    }

    [Fact]
    public void Terminal_NoColour_PlainLines() =>
        AssertOut(Text(Syscalls), CliRun.With(terminal: true, color: false, "syscalls", "--results", file.Results));

    private static void AssertOut(string expected, CliRun run)
    {
        Assert.True(run.Exit == 0, $"exit {run.Exit}: {run.Err}");
        Assert.Equal("", run.Err);
        Assert.Equal(expected, run.Out);
    }
}
