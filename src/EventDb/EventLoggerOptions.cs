namespace EventDb;

/// <summary>What <see cref="EventLoggerOptions.Overflow"/> does when <see cref="EventLoggerOptions.MaxQueuedEvents"/> events are waiting.</summary>
public enum OverflowPolicy
{
    /// <summary>The producer waits until the writer has made room. Nothing is lost. The default.</summary>
    Block,

    /// <summary>The event is not added; <see cref="EventLogger.DroppedEvents"/> counts it.</summary>
    DropNewest,

    /// <summary>No bound: the queue grows as long as memory lasts.</summary>
    Grow,
}

/// <summary>How durable a committed flush is.</summary>
public enum Durability
{
    /// <summary>
    /// WAL with <c>synchronous=NORMAL</c>: a committed flush survives a crash of the process; a power loss takes the
    /// commits since the checkpoint thread last synced the WAL (about the last second, or 16 MiB of WAL), leaving a prefix.
    /// </summary>
    Normal,

    /// <summary>WAL with <c>synchronous=FULL</c>: each commit syncs the WAL, so a committed flush survives a power loss.</summary>
    Full,
}

/// <summary>Where and how an <see cref="EventLogger"/> writes.</summary>
public sealed record EventLoggerOptions
{
    /// <summary>The directory of the database file; created when missing. Default: the current directory.</summary>
    public string Directory { get; init; } = ".";

    /// <summary>The database file name inside <see cref="Directory"/>, without a directory part. Default: <c>plugins.db</c>, as Penguin names it.</summary>
    public string FileName { get; init; } = "plugins.db";

    /// <summary>How many waiting events trigger a flush without waiting for <see cref="FlushInterval"/>. Default: 100,000.</summary>
    public int BufferSize { get; init; } = 100_000;

    /// <summary>The longest an added event waits before a flush writes it. Default: 2 seconds.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The bound on events added but not yet written. Default: 4 x <see cref="BufferSize"/>.</summary>
    public int? MaxQueuedEvents { get; init; }

    /// <summary>What <see cref="EventLogger.Add{T}(in T)"/> does when <see cref="MaxQueuedEvents"/> events wait. Default: <see cref="OverflowPolicy.Block"/>.</summary>
    public OverflowPolicy Overflow { get; init; } = OverflowPolicy.Block;

    /// <summary>How durable a committed flush is. Default: <see cref="EventDb.Durability.Normal"/>.</summary>
    public Durability Durability { get; init; } = Durability.Normal;

    /// <summary>
    /// Whether the OS may keep the database file's written pages in its page cache. Default: <see langword="false"/>:
    /// on Linux, once a checkpoint has written and synced a part of the file, EventDb advises the kernel to drop it
    /// (<c>posix_fadvise(DONTNEED)</c>), so a long run does not fill memory with a log nobody reads yet, and later
    /// pages reuse that memory. Set <see langword="true"/> when a reader scans the file while it is being written and
    /// should find it cached. Ignored on other systems.
    /// </summary>
    public bool KeepWrittenPagesCached { get; init; }

    /// <summary>How long the writer waits for a lock held by another connection before it backs off and retries. Default: 5 seconds.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long <see cref="EventLogger.Open"/> keeps trying while another connection holds a lock on the file (each wait
    /// counted in <see cref="EventLogger.BusyRetries"/>) before it fails. Default: 30 seconds.
    /// </summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a clean <see cref="EventLogger.Dispose"/> leaves one self-contained file: the WAL checkpointed into it
    /// and the journal mode back to <c>DELETE</c>, no <c>-wal</c> or <c>-shm</c> file beside it, so it can be copied,
    /// archived or opened from read-only media by any SQLite tool. Default: <see langword="true"/>. Set
    /// <see langword="false"/> to leave the file in WAL mode (the next writer need not switch it back). A file that
    /// other connections still have open stays in WAL either way, with its <c>-wal</c> file, so they lose nothing.
    /// </summary>
    public bool SealOnClose { get; init; } = true;

    /// <summary>
    /// Whether the logger commits what it accepted when the process is asked to end: on SIGTERM, SIGINT and SIGHUP
    /// (whose default action would end the process with the queue in memory) and at process exit. Default:
    /// <see langword="true"/>. Set <see langword="false"/> only when the application disposes the logger on every path
    /// out itself.
    /// </summary>
    public bool CommitOnExit { get; init; } = true;

    /// <summary>
    /// The longest the commit at process end (see <see cref="CommitOnExit"/>) may take before the process is let go;
    /// what is still unwritten then is reported. Default: 5 seconds (container runtimes usually kill 10 s after SIGTERM).
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Tables created (or checked against the file) when the logger opens, before any event is added. Tables of
    /// other event types are created on their first <see cref="EventLogger.Add{T}(in T)"/>.
    /// </summary>
    public IReadOnlyList<EventTableSchema> Tables { get; init; } = [];

    /// <summary>
    /// Called when a flush fails (the events stay queued and are retried; <see cref="EventDbException.SqliteErrorCode"/>
    /// and <see cref="EventDbException.SqliteExtendedErrorCode"/> say why), when an event is rejected (an
    /// <see cref="EventRejectedException"/> naming its id, table and column), and when events are lost at shutdown (an
    /// <see cref="EventDbShutdownException"/>). Calls come one at a time, in order, on a thread of the logger's own (never the writer's):
    /// the callback may call <see cref="EventLogger.Add{T}(in T)"/>, <see cref="EventLogger.Flush"/>,
    /// <see cref="EventLogger.FlushAsync"/> and <see cref="EventLogger.Dispose"/>; an exception it throws is ignored.
    /// </summary>
    public Action<EventDbException>? OnError { get; init; }

    /// <summary>
    /// Where the logger reports: each flush at Debug ("Flushed N events in X s"), each lock retry at Warning, each failed
    /// flush and rejected event at Error, a loss at shutdown at Critical. Null (the default) costs nothing. Messages are
    /// written on the logger's report thread, like <see cref="OnError"/>; a provider that throws changes nothing.
    /// </summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    /// <summary>
    /// The full path of the database file, resolved against the current directory now; <see cref="EventLogger.FilePath"/>
    /// keeps the path it resolved at <see cref="EventLogger.Open"/>.
    /// </summary>
    public string FilePath => Path.GetFullPath(Path.Combine(Directory, FileName));

    /// <summary>The WAL size past which a writer that never pauses waits for a checkpoint so the WAL starts over (smaller in tests).</summary>
    internal long WalRestartBytes { get; init; } = WalCheckpointer.DefaultRestartAfterBytes;

    /// <summary>What the storage takes of these options.</summary>
    internal StoreOptions ToStoreOptions() => new(Tables, BusyTimeout, OpenTimeout, Durability, KeepWrittenPagesCached, WalRestartBytes);

    internal int EffectiveMaxQueuedEvents => MaxQueuedEvents ?? checked(BufferSize * 4);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Directory, nameof(Directory));
        ArgumentException.ThrowIfNullOrWhiteSpace(FileName, nameof(FileName));
        if (FileName.IndexOfAny(['/', Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]) >= 0 || FileName is "." or "..")
            throw new ArgumentOutOfRangeException(nameof(FileName), FileName, "FileName must be a file name; put the directory in Directory.");
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferSize, 1, nameof(BufferSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BufferSize, 100_000_000, nameof(BufferSize));
        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(FlushInterval), FlushInterval, "FlushInterval must be greater than zero and at most one day.");
        if (MaxQueuedEvents is { } max && max < BufferSize)
            throw new ArgumentOutOfRangeException(nameof(MaxQueuedEvents), max, "MaxQueuedEvents must be at least BufferSize.");
        if (!Enum.IsDefined(Overflow))
            throw new ArgumentOutOfRangeException(nameof(Overflow), Overflow, "Unknown overflow policy.");
        if (!Enum.IsDefined(Durability))
            throw new ArgumentOutOfRangeException(nameof(Durability), Durability, "Unknown durability.");
        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMilliseconds(int.MaxValue))
            throw new ArgumentOutOfRangeException(nameof(BusyTimeout), BusyTimeout, "BusyTimeout must be between zero and int.MaxValue milliseconds.");
        if (OpenTimeout < TimeSpan.Zero || OpenTimeout > TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(OpenTimeout), OpenTimeout, "OpenTimeout must be between zero and one day.");
        if (ShutdownTimeout < TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(ShutdownTimeout), ShutdownTimeout, "ShutdownTimeout must be between zero and one hour.");
        ArgumentNullException.ThrowIfNull(Tables, nameof(Tables));
    }
}
