using System.Runtime.CompilerServices;

namespace EventDb;

/// <summary>
/// Records typed events into one SQLite file. <see cref="Add{T}(in T)"/> copies the event into a per-type buffer and
/// returns; a background writer commits the buffers every <see cref="EventLoggerOptions.FlushInterval"/>, whenever
/// <see cref="EventLoggerOptions.BufferSize"/> events wait, on <see cref="Flush"/> and on <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// Every member is thread-safe. Ids are assigned at <see cref="Add{T}(in T)"/> in arrival order across all event types
/// and continue after the largest id already in the file. One flush is one transaction: readers never see a base row
/// without its child row, and a crash leaves whole flushes only.
/// </remarks>
public sealed partial class EventLogger : IDisposable, IAsyncDisposable
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> every logger publishes its instruments on.</summary>
    public const string MeterName = LoggerReports.MeterName;

    private readonly EventLoggerOptions _options;
    private readonly int _bufferSize;
    private readonly OverflowPolicy _overflow;
    private readonly EventSequence _sequence;
    private readonly ProducerRegistry _producers;
    private readonly LoggerReports _reports;
    private readonly WriterLoop _loop;

    private readonly Lock _readLock = new();
    private EventFile? _readBack;

    private EventLogger(EventLoggerOptions options, string filePath, IEventStore store)
    {
        _options = options;
        FilePath = filePath;
        _bufferSize = options.BufferSize;
        _overflow = options.Overflow;
        _sequence = new EventSequence(store.MaxId, options.Overflow == OverflowPolicy.Grow ? long.MaxValue : options.EffectiveMaxQueuedEvents);
        _producers = new ProducerRegistry(_sequence, options.BufferSize, owner: this);
        _reports = new LoggerReports(options, filePath, _sequence, store.OpenRetries);
        try
        {
            _loop = new WriterLoop(options, filePath, store, _sequence, _producers, _reports);
            if (options.CommitOnExit)
                ExitCommitter.Watch(this);
            // Last: from here on the writer thread owns the store, and closes it when it ends.
            _loop.Start();
        }
        catch
        {
            ExitCommitter.Forget(this);
            _reports.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The full path of the database file, resolved once when the logger opened, symbolic links included: it names the
    /// file this logger writes even after a link on the way (say <c>results/latest</c>) is repointed.
    /// </summary>
    public string FilePath { get; }

    /// <summary>Events accepted by <see cref="Add{T}(in T)"/> since the logger opened.</summary>
    public long AddedEvents => _reports.Added;

    /// <summary>Events committed to the file since the logger opened.</summary>
    public long WrittenEvents => _reports.Written;

    /// <summary>Events refused under <see cref="OverflowPolicy.DropNewest"/> because the queue was full.</summary>
    public long DroppedEvents => _reports.Dropped;

    /// <summary>
    /// Events the writer could not store and skipped, each reported to <see cref="EventLoggerOptions.OnError"/> as an
    /// <see cref="EventRejectedException"/> with its id, table and column: text with an unpaired surrogate (UTF-8 cannot encode it) or a value over SQLite's length limit.
    /// </summary>
    public long RejectedEvents => _reports.Rejected;

    /// <summary>Events accepted and not yet committed.</summary>
    public long QueuedEvents => _sequence.Queued;

    /// <summary>Flush attempts that found the file locked by another connection and were retried.</summary>
    public long BusyRetries => _reports.BusyRetries;

    /// <summary>Flushes that failed with an error other than a lock (disk full, I/O error, read-only file).</summary>
    public long FailedFlushes => _reports.FailedFlushes;

    /// <summary>The error of the most recent failed flush, or <see langword="null"/> once a flush succeeds again.</summary>
    public EventDbException? LastError => _reports.LastError;

    /// <summary>
    /// Opens (or creates) the database file, takes its writer lock, creates or checks
    /// <see cref="EventLoggerOptions.Tables"/> (adding new nullable columns), switches it to WAL, and starts the writer.
    /// </summary>
    /// <remarks>
    /// The path is resolved once, here: a later change of the current directory does not move the logger. A lock another
    /// connection holds is waited out for up to <see cref="EventLoggerOptions.OpenTimeout"/>.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    /// <exception cref="EventDbSchemaException">A table in the file differs from its declaration other than by new nullable columns; the file is left unchanged.</exception>
    /// <exception cref="EventDbException">
    /// The directory or file cannot be created, it is not an SQLite database, another logger (in this or another
    /// process) is writing it, it stayed locked for longer than <see cref="EventLoggerOptions.OpenTimeout"/>, its
    /// largest id leaves no id to assign (ids end at 2^61 - 1), or the process ran out of something opening needs (the
    /// message says when that is file descriptors). Whatever failed, nothing opening took stays open: no descriptor, no
    /// thread, no lock.
    /// </exception>
    public static EventLogger Open(EventLoggerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var path = options.FilePath;
        IEventStore store;
        try
        {
            store = EventStorage.OpenStore(path, options.ToStoreOptions());
        }
        catch (Exception ex) when (ex is not EventDbException)
        {
            throw OpenFailed(path, ex);
        }
        try
        {
            return new EventLogger(options, store.FilePath, store);
        }
        catch (Exception ex)
        {
            store.Dispose();
            if (ex is EventDbException)
                throw;
            throw OpenFailed(path, ex);
        }
    }

    /// <summary>An unexpected failure of <see cref="Open"/> (a runtime file that could not load, a signal handler that could not register) as the one exception it throws.</summary>
    private static EventDbException OpenFailed(string path, Exception cause) =>
        new($"Opening '{path}' failed: {(Descriptors.Shortage() is { } shortage ? shortage + ". " : "")}{cause.Message}", cause);

    /// <summary>
    /// Queues one event. Copies it, assigns its id, and returns without I/O. Under <see cref="OverflowPolicy.Block"/>
    /// it waits while <see cref="EventLoggerOptions.MaxQueuedEvents"/> events are queued.
    /// </summary>
    /// <exception cref="ArgumentException">A <c>NOT NULL</c> member is null; the message names the column. Nothing was queued.</exception>
    /// <exception cref="ObjectDisposedException">The logger is disposed (or was disposed while the producer waited for room).</exception>
    /// <exception cref="EventDbException">
    /// The writer stopped after an error it cannot recover from; the message says why. Or the file has no id left
    /// (ids end at 2^61 - 1); nothing was queued.
    /// </exception>
    /// <exception cref="EventDbSchemaException">The first event of this type found its table in the file with a different schema.</exception>
    /// <exception cref="EventDbException">
    /// The first event of a type not in <see cref="EventLoggerOptions.Tables"/> could not create its table (for instance,
    /// another connection held the write lock longer than <see cref="EventLoggerOptions.BusyTimeout"/>). List the tables
    /// in the options to create them at <see cref="Open"/> instead.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add<T>(in T evt) where T : struct, IEventTable<T>
    {
        T.Validate(in evt);
        var buffer = GetBuffer<T>();
        long id = buffer.TryAppend(in evt, _sequence);
        if (id <= 0)
            id = AddSlow(buffer, in evt, id);
        if (id - _sequence.RetiredId >= _bufferSize && !_sequence.WakeRequested)
            RequestFlush();
    }

    /// <summary>The queue is full or the logger is disposing: wait, drop or throw as the options say.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long AddSlow<T>(EventBuffer<T> buffer, in T evt, long id) where T : struct, IEventTable<T>
    {
        while (true)
        {
            if (id == EventSequence.Disposed)
                ThrowIfStopped();
            if (id == EventSequence.Exhausted)
                EventDbThrow.IdsExhausted(FilePath);
            if (id == EventSequence.Full && _overflow == OverflowPolicy.DropNewest)
            {
                _reports.CountDropped();
                return long.MinValue; // nothing queued, nothing to wake the writer for
            }
            _producers.WaitForRoom(frozen: id == EventSequence.Frozen);
            id = buffer.TryAppend(in evt, _sequence);
            if (id > 0)
                return id;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RequestFlush()
    {
        _sequence.WakeRequested = true;
        _loop.Wake();
    }

    /// <summary>
    /// Returns once every event added before the call is committed (durable at <see cref="EventLoggerOptions.Durability"/>).
    /// </summary>
    /// <remarks>
    /// From <see cref="EventLoggerOptions.OnError"/> it waits like anywhere else (the writer never waits on a callback);
    /// the reports of that flush are delivered after the callback returns.
    /// </remarks>
    /// <exception cref="EventDbException">The flush failed (the events stay queued and the writer retries them), or the writer cannot go on.</exception>
    /// <exception cref="ObjectDisposedException">The logger is disposed.</exception>
    public void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Completes once every event added before the call is committed.</summary>
    /// <param name="cancellationToken">Stops waiting (the flush itself still happens).</param>
    /// <exception cref="EventDbException">The flush failed; the events stay queued and the writer retries them.</exception>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        _loop.ThrowIfStopped();
        return _loop.FlushThrough(_sequence.LastId, cancellationToken);
    }

    /// <summary>
    /// Reads every committed row of <typeparamref name="T"/>'s table into a list, in id order, <c>ulong</c> members
    /// unwrapped; empty while the table does not exist. For small tables: to stream a large one, or to read while
    /// writing without holding every row, use <see cref="EventFile.Read{T}"/> on <see cref="FilePath"/>.
    /// </summary>
    /// <remarks>
    /// Reads through an <see cref="EventFile"/> of the logger's own: it sees what is committed, so call
    /// <see cref="Flush"/> first to see everything added.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The logger is disposed.</exception>
    public IReadOnlyList<T> ReadAll<T>() where T : struct, IEventTable<T> => [.. ReadAllWithIds<T>().Select(row => row.Event)];

    /// <summary>Like <see cref="ReadAll{T}"/>, with each row's id.</summary>
    /// <exception cref="ObjectDisposedException">The logger is disposed.</exception>
    public IReadOnlyList<(long Id, T Event)> ReadAllWithIds<T>() where T : struct, IEventTable<T>
    {
        lock (_readLock)
        {
            // Checked under the lock Dispose closes the file under: none is opened after Dispose closed it.
            if (Volatile.Read(ref _lifetime) != Running)
                EventDbThrow.Disposed();
            _readBack ??= EventFile.Open(FilePath, _options.BusyTimeout);
            return _readBack.HasTable(T.Schema.Name) ? [.. _readBack.ReadWithIds<T>()] : [];
        }
    }

    /// <summary>The old name of <see cref="ReadAll{T}"/>.</summary>
    [Obsolete("Renamed ReadAll: \"Query\" now means running SQL (EventFile.Query). This forwarder goes in the next release.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public IReadOnlyList<T> Query<T>() where T : struct, IEventTable<T> => ReadAll<T>();

    /// <summary>The old name of <see cref="ReadAllWithIds{T}"/>.</summary>
    [Obsolete("Renamed ReadAllWithIds: \"Query\" now means running SQL (EventFile.Query). This forwarder goes in the next release.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public IReadOnlyList<(long Id, T Event)> QueryWithIds<T>() where T : struct, IEventTable<T> => ReadAllWithIds<T>();

    /// <summary>Throws why no more events are taken: the writer failed for good, or the logger is disposed.</summary>
    private void ThrowIfStopped() => _loop.ThrowIfStopped();

    /// <summary>Returns once every report queued so far has been delivered (for tests).</summary>
    internal void WaitForReports() => _reports.WaitUntilIdle();

    /// <summary>Makes the writer fail after its next COMMIT (for tests: nothing in the writer does that on its own).</summary>
    internal void InjectWriterFaultAfterCommit(Exception fault) => _loop.InjectFaultAfterCommit(fault);
}
