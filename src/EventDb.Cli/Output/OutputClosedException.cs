namespace EventDb.Cli.Output;

/// <summary>
/// Writing the output failed. <see cref="ReaderWentAway"/> when its reader closed the pipe (<c>eventdb syscalls | head</c>):
/// the tool then stops quietly with exit 0, as a reader that has seen enough is no error; anything else is exit 1.
/// </summary>
internal sealed class OutputClosedException : IOException
{
    // EPIPE on Linux, the IOException's HResult as DescriptorStream and FileStream report it (.NET ignores SIGPIPE, so
    // a write fails instead).
    private const int BrokenPipe = 32;

    public OutputClosedException()
    {
    }

    public OutputClosedException(string message)
        : base(message)
    {
    }

    public OutputClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool ReaderWentAway { get; private init; }

    /// <summary>The reader went away while nothing was being written (a follow saw it while it waited).</summary>
    public static OutputClosedException ReaderClosed() => new("The output's reader has gone.") { ReaderWentAway = true };

    public static OutputClosedException From(IOException ex) =>
        new($"Cannot write the output: {ex.Message}", ex) { ReaderWentAway = (ex.HResult & 0xFFFF) == BrokenPipe || ex.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase) };
}
