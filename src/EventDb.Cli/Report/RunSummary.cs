namespace EventDb.Cli.Report;

/// <summary>What the report shows of one run: read once, in one snapshot (every figure counts ids up to <see cref="LastId"/>).</summary>
internal sealed record RunSummary(
    string Path,
    long FileBytes,
    long? WalBytes,
    string JournalMode,
    long? FirstId,
    long? LastId,
    IReadOnlyList<TableSummary> Tables,
    Activity? Activity,
    PenguinSummary? Penguin)
{
    public long Events => Penguin?.Events ?? Tables.Sum(t => t.Rows);
}

/// <summary>One table: its rows, id range and each column's most frequent values.</summary>
internal sealed record TableSummary(string Name, long Rows, long? MinId, long? MaxId, IReadOnlyList<ColumnValues> Columns);

/// <summary>Events per id window, one series per table or process.</summary>
internal sealed record Activity(IdWindows Windows, int WindowCount, IReadOnlyList<ActivitySeries> ByTable, IReadOnlyList<ActivitySeries> ByProcess);

/// <summary>One line of an activity chart: rows in each window.</summary>
internal sealed record ActivitySeries(string Name, long[] Counts)
{
    public long Total => Counts.Sum();
}

/// <summary>The sections a file with Penguin's event model gets; each list holds every group (the page caps what it shows).</summary>
internal sealed record PenguinSummary(
    long Events,
    long Syscalls,
    long Failures,
    IReadOnlyList<ProcessRow> Processes,
    IReadOnlyList<SyscallRow> SyscallCounts,
    IReadOnlyList<FailureRow> FailureCounts,
    IReadOnlyList<NotFoundRow> NotFound,
    IReadOnlyList<FileIoRow> FileIo,
    IReadOnlyList<string> Incomplete)
{
    public long BytesRead => FileIo.Sum(f => f.BytesRead);

    public long BytesWritten => FileIo.Sum(f => f.BytesWritten);
}

/// <summary>A process (by Penguin's procname): its events, first and last event, what it ran.</summary>
internal sealed record ProcessRow(string Name, long Events, long FirstId, long LastId, long Syscalls, long Failures, IReadOnlyList<string> Execs, IReadOnlyList<long> ExitCodes);

/// <summary>A syscall name: its calls and how many failed.</summary>
internal sealed record SyscallRow(string Name, long Calls, long Failures);

/// <summary>Failures of one syscall with one errno, and the processes that hit them (most first).</summary>
internal sealed record FailureRow(string Syscall, long Errno, string ErrnoName, long Count, IReadOnlyList<(string Name, long Count)> Processes)
{
    public string Key => Syscall + "\0" + Errno.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A path some syscall looked up and did not find (ENOENT, ENOTDIR).</summary>
internal sealed record NotFoundRow(string Path, long Count, IReadOnlyList<string> Syscalls, IReadOnlyList<string> Errnos, IReadOnlyList<(string Name, long Count)> Processes);

/// <summary>A file and descriptor: what was read from and written to it.</summary>
internal sealed record FileIoRow(string? File, long Fd, long Reads, long BytesRead, long Writes, long BytesWritten, IReadOnlyList<string> Processes)
{
    public string Key => (File ?? "\0null") + "\0" + Fd.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
