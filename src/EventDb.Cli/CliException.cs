namespace EventDb.Cli;

/// <summary>An error the tool reports as one line on standard error, with <see cref="ExitCode"/>.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.Error)
        : base(message) => ExitCode = exitCode;

    public CliException()
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = ExitCodes.Error;

    /// <summary>A usage error (exit 2): the command line itself is wrong.</summary>
    public static CliException Usage(string message) => new(message, ExitCodes.Usage);
}
