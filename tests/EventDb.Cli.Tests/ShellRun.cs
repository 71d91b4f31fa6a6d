namespace EventDb.Cli.Tests;

/// <summary>
/// One bash script run to its end (<see cref="ChildProcess.StartShell"/>: the tool is <c>"$DOTNET" "$EVENTDB_CLI"</c>,
/// and the function <c>eventdb</c> runs it, exported to the shells the script starts): its exit code, standard output and standard error, and how long it took. A script that
/// outlives its timeout is killed with all it started, and the test fails.
/// </summary>
internal sealed record ShellRun(int Exit, string Out, string Err, TimeSpan Took)
{
    public static ShellRun Of(string script, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var shell = ChildProcess.StartShell("eventdb() { \"$DOTNET\" \"$EVENTDB_CLI\" \"$@\"; }; export -f eventdb\n" + script, environment: environment);
        shell.StandardInput.Close();
        using var watchdog = new Timer(_ => shell.Kill(), null, timeout, Timeout.InfiniteTimeSpan);
        string output = shell.RestOfOutput();
        int exit = shell.WaitForExit(timeout);
        var took = started.Elapsed;
        Assert.True(took < timeout, $"the script was killed after {timeout.TotalSeconds} s: {output} {shell.StandardError}");
        return new ShellRun(exit, output, shell.StandardError, took);
    }

    /// <summary><paramref name="value"/> as one bash word.</summary>
    public static string Quote(string value) => Pipeline.Quote(value);
}
