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

    /// <summary>A usage error (exit 2) from a library's <see cref="ArgumentException"/> about what the user gave.</summary>
    public static CliException Usage(ArgumentException error) => Usage(WithoutParameterName(error));

    /// <summary>
    /// The message without .NET's <c> (Parameter 'runs')</c> suffix: it names a parameter of the library's API, which
    /// means nothing to someone who typed a command line.
    /// </summary>
    private static string WithoutParameterName(ArgumentException error)
    {
        string suffix = $" (Parameter '{error.ParamName}')";
        return error.ParamName is not null && error.Message.EndsWith(suffix, StringComparison.Ordinal)
            ? error.Message[..^suffix.Length]
            : error.Message;
    }
}
