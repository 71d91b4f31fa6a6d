namespace EventDb.Cli.Penguin;

/// <summary>The options of Penguin's <c>db</c> subcommands, as given (strings, as click passes them).</summary>
internal sealed record PenguinFlags
{
    /// <summary>Our default; Penguin's is <c>/workspace/results/latest</c>, its container's path.</summary>
    public const string DefaultResults = "results/latest";

    public string Results { get; init; } = DefaultResults;

    public string? Output { get; init; }

    public string? Procname { get; init; }

    public string? Fd { get; init; }

    public string? Filename { get; init; }

    public string? Syscall { get; init; }

    public bool Errors { get; init; }

    public bool Follow { get; init; }

    /// <summary>
    /// <c>execs</c>, <c>reads</c>, <c>writes</c> and <c>syscalls</c> print <c>(procname) </c> only when <c>--procname</c>
    /// was not given at all: <c>--procname ""</c> filters nothing and still drops it.
    /// </summary>
    public bool RowsWithProcname => Procname is null;

    /// <summary><c>fds</c> drops the prefix only when <c>--procname</c> is given and not empty.</summary>
    public bool FdsWithProcname => string.IsNullOrEmpty(Procname);
}
