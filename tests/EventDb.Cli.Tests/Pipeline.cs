using System.Text;

namespace EventDb.Cli.Tests;

/// <summary>
/// The built tool in a real shell pipeline (<c>eventdb ARGS | READER</c>, bash, real pipes): what the reader printed, the
/// tool's exit code (<c>PIPESTATUS</c>) and its standard error. Run with <c>EVENTDB_DEBUG=1</c>, so a tool that stopped
/// because its output closed says so on standard error with the exception, where one that ran to its end says nothing.
/// The whole pipeline is killed if it outlives <see cref="Timeout"/>.
/// </summary>
internal sealed record Pipeline(string ReaderOutput, int Exit, string Err)
{
    /// <summary>Generous for a loaded 2-core machine (starting .NET alone can take seconds); a hang fails, never blocks.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private const string ExitMarker = "\neventdb-exit=";

    /// <summary>Whether the tool stopped at a closed output (and not at the end of its rows).</summary>
    public bool StoppedByClosedOutput => Err.Contains("OutputClosedException", StringComparison.Ordinal);

    public static Pipeline Run(string reader, params string[] args)
    {
        var script = new StringBuilder("\"$DOTNET\" \"$EVENTDB_CLI\"");
        foreach (var arg in args)
            script.Append(' ').Append(Quote(arg));
        script.Append(" | ").Append(reader).Append("; echo \"").Append(ExitMarker[1..]).Append("${PIPESTATUS[0]}\"");
        using var shell = ChildProcess.StartShell(script.ToString(), environment: new Dictionary<string, string> { ["EVENTDB_DEBUG"] = "1" });
        shell.StandardInput.Close();
        using var watchdog = new Timer(_ => shell.Kill(), null, Timeout, System.Threading.Timeout.InfiniteTimeSpan);
        var output = "\n" + shell.RestOfOutput();
        Assert.Equal(0, shell.WaitForExit(Timeout));
        int marker = output.LastIndexOf(ExitMarker, StringComparison.Ordinal);
        Assert.True(marker >= 0, $"the pipeline was killed after {Timeout.TotalSeconds} s: {output}");
        return new Pipeline(output[1..(marker + 1)], int.Parse(output[(marker + ExitMarker.Length)..].Trim(), System.Globalization.CultureInfo.InvariantCulture), shell.StandardError);
    }

    /// <summary><paramref name="value"/> as one bash word.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
