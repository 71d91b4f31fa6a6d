using System.Text;
using EventDb.Cli.Terminal;

namespace EventDb.Cli.Tests;

/// <summary>One run of the tool in this process: its exit code, standard output (bytes and UTF-8 text) and standard error.</summary>
internal sealed record CliRun(int Exit, byte[] OutBytes, string Err)
{
    public string Out => Encoding.UTF8.GetString(OutBytes);

    /// <summary>Standard output split at <c>\n</c>, without the empty piece after the last one.</summary>
    public string[] Lines => Out.Length == 0 ? [] : Out.TrimEnd('\n').Split('\n');

    /// <summary>Runs <c>eventdb ARGS</c> with standard output a pipe (no terminal, no colour).</summary>
    public static CliRun Of(params string[] args) => With(terminal: false, color: false, args);

    /// <summary>Runs it as if standard output were a terminal, with or without colour.</summary>
    public static CliRun With(bool terminal, bool color, params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        int exit = Cli.Run(args, new CliConsole { Out = output, Error = error, IsTerminal = terminal, Color = color, Width = 100 });
        return new CliRun(exit, output.ToArray(), error.ToString());
    }
}
