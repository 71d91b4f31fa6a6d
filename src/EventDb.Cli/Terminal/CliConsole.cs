using EventDb.Cli.Output;

namespace EventDb.Cli.Terminal;

/// <summary>
/// Where the tool writes and what is on the other end: standard output as a byte stream, standard error, and whether
/// standard output is a terminal (then tables are aligned and, unless <c>NO_COLOR</c> is set, coloured).
/// </summary>
internal sealed class CliConsole
{
    /// <summary>Standard output, unbuffered (every command buffers and flushes it itself), failing on every error, EPIPE too.</summary>
    public required Stream Out { get; init; }

    /// <summary>The descriptor behind <see cref="Out"/> (1 for the process's own), or null: asked whether its reader has gone.</summary>
    public int? OutDescriptor { get; init; }

    /// <summary>Standard error: one line per error.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Standard output is a terminal (not a pipe or a file).</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Colour on standard output: a terminal, and <c>NO_COLOR</c> unset or empty, and <c>TERM</c> not <c>dumb</c>.</summary>
    public bool Color { get; init; }

    /// <summary>The terminal's width in columns (80 when unknown).</summary>
    public int Width { get; init; } = 80;

    /// <summary>The process's own console.</summary>
    public static CliConsole FromProcess()
    {
        bool terminal = !Console.IsOutputRedirected;
        return new CliConsole
        {
            // Written with write(2) on descriptor 1: .NET's console stream drops EPIPE, so `eventdb ... | head -1` would never end.
            Out = new DescriptorStream(Posix.StandardOutput),
            OutDescriptor = Posix.StandardOutput,
            Error = new LossyErrorWriter(Console.Error), // 2>&- or 2>/dev/full loses the message, never the exit code
            IsTerminal = terminal,
            Color = terminal && ColorAllowed(Environment.GetEnvironmentVariable("NO_COLOR"), Environment.GetEnvironmentVariable("TERM")),
            Width = terminal ? TerminalWidth() : 80,
        };
    }

    /// <summary>https://no-color.org: a non-empty <c>NO_COLOR</c> turns colour off; so does <c>TERM=dumb</c>.</summary>
    public static bool ColorAllowed(string? noColor, string? term) => string.IsNullOrEmpty(noColor) && term != "dumb";

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth is > 0 and var width ? width : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
