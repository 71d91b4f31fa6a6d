namespace EventDb.Cli;

/// <summary>The tool's exit codes (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done; also a <c>--follow</c> stopped by SIGINT or SIGTERM, and a reader that closed the pipe.</summary>
    public const int Ok = 0;

    /// <summary>An error: a missing file, not a database, a missing table, bad SQL, an output that cannot be written.</summary>
    public const int Error = 1;

    /// <summary>A usage error: an unknown command or option, a missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>An export stopped by SIGINT or SIGTERM (the shell's code for an interrupted command).</summary>
    public const int Cancelled = 130;
}
