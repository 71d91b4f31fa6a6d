using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace EventDb;

/// <summary>
/// Copies committed WAL pages into the database file on a thread and connection of its own, so the checkpoint's I/O
/// overlaps the next batch's inserts instead of stalling them inside <c>COMMIT</c> (SQLite's automatic checkpoint,
/// which this replaces on the writer's connection, runs on the committing thread).
/// </summary>
/// <remarks>
/// <para>
/// A checkpoint is asked for after a commit that leaves at least <see cref="CheckpointAfterPages"/> pages in the WAL,
/// SQLite's own automatic threshold (or the restart size, when that is smaller), and at the latest <see cref="SyncWithin"/> after a commit. It is <c>PASSIVE</c>: it
/// never waits for the writer or a reader, and a failure loses nothing (the pages stay in the WAL and the next pass tries
/// again), as with SQLite's automatic checkpoint.
/// </para>
/// <para>
/// A pass syncs the WAL before it copies it: with <c>synchronous=NORMAL</c> (<see cref="Durability.Normal"/>), where a
/// commit syncs nothing, that is what makes commits survive a power cut. The time bound keeps a slow writer, whose WAL
/// takes hours to reach the threshold, from risking hours of commits; a fast one reaches the threshold first.
/// </para>
/// <para>
/// SQLite writes the WAL from its start again only when a write transaction begins with every committed page already
/// checkpointed. A writer that never pauses always begins before the pass of its last commit ends, so once the WAL
/// holds <see cref="DefaultRestartAfterBytes"/> the writer waits for that pass before it begins (<see cref="BeforeBegin"/>):
/// the WAL stays bounded, at most that plus one flush, at the price of one checkpoint waited for per that much written.
/// </para>
/// <para>
/// The connection is opened while the writer's is known to be the file's (at logger open) and keeps its descriptors,
/// so a file moved later is checkpointed where it went, never into a new file at the old path. When it cannot be
/// opened, checkpoints run on the writer's connection after each commit, as SQLite's automatic ones did.
/// </para>
/// </remarks>
internal sealed unsafe class WalCheckpointer : IDisposable
{
    /// <summary>SQLite's default automatic checkpoint threshold (<c>PRAGMA wal_autocheckpoint</c>).</summary>
    public const int CheckpointAfterPages = 1000;

    /// <summary>
    /// The WAL size at which the writer waits for the checkpoint before it begins, so the WAL starts over. Large, so a
    /// writer that never pauses waits rarely (about once per 1.6 million Penguin events).
    /// </summary>
    public const long DefaultRestartAfterBytes = 256L * 1024 * 1024;

    /// <summary>The longest a commit waits for a pass (and its sync of the WAL) when the WAL stays under the threshold.</summary>
    public static readonly TimeSpan SyncWithin = TimeSpan.FromSeconds(1);

    private readonly SqliteDatabase _writer;
    private readonly SqliteDatabase? _own;
    private readonly PageCacheReleaser? _pageCache;
    private readonly int* _walPages; // written by SQLite's WAL hook on the writer's connection after each commit
    private readonly long _restartAfterPages;
    private readonly long _checkpointAfterPages; // the smaller of SQLite's threshold and the restart size
    private readonly object _gate = new();
    private readonly Thread? _thread;
    private long _requested; // passes asked for, one per commit past the threshold
    private long _done; // the requests that finished passes have covered
    private long _unsyncedSince; // Stopwatch time of the first commit no pass has started after, or 0
    private bool _stopping;

    private WalCheckpointer(SqliteDatabase writer, SqliteDatabase? own, PageCacheReleaser? pageCache, long restartAfterBytes)
    {
        _writer = writer;
        _own = own;
        _pageCache = pageCache;
        _restartAfterPages = Math.Max(1, restartAfterBytes / Math.Max(1, writer.QueryInt64("PRAGMA page_size")));
        // A restart size below SQLite's threshold would have the writer wait for passes nobody asked for yet.
        _checkpointAfterPages = Math.Min(CheckpointAfterPages, _restartAfterPages);
        _walPages = (int*)NativeMemory.AllocZeroed(sizeof(int));
        // Replaces SQLite's automatic checkpoint on the writer's connection (both use the same hook).
        _ = NativeMethods.sqlite3_wal_hook(writer.Handle.DangerousGetHandle(), &RecordWalPages, (nint)_walPages);
        if (own is null)
            return;
        _thread = new Thread(Run) { IsBackground = true, Name = "EventDb checkpt" };
        try
        {
            Descriptors.Start(_thread);
        }
        catch
        {
            _ = NativeMethods.sqlite3_wal_hook(writer.Handle.DangerousGetHandle(), null, 0);
            NativeMemory.Free(_walPages);
            throw;
        }
    }

    /// <summary>
    /// The checkpointer of the writer's connection: with a connection and thread of its own when
    /// the file can be opened a second time, else running on the writer's connection.
    /// </summary>
    /// <param name="writer">The writer's connection, set up and the file's.</param>
    /// <param name="pageCache">Told after each checkpoint, or null.</param>
    /// <param name="restartAfterBytes"><see cref="DefaultRestartAfterBytes"/>, smaller in tests.</param>
    public static WalCheckpointer Open(SqliteDatabase writer, PageCacheReleaser? pageCache, long restartAfterBytes = DefaultRestartAfterBytes)
    {
        SqliteDatabase? own = null;
        try
        {
            own = SqliteDatabase.Open(writer.Path, readOnly: false);
            // A first read opens the WAL now, while the path still leads to the writer's file; until a connection has read
            // the file's header it does not know the file is in WAL mode, and its checkpoints do nothing.
            _ = own.QueryInt64("SELECT count(*) FROM sqlite_schema");
        }
        catch (EventDbException)
        {
            own?.Dispose();
            own = null;
        }
        try
        {
            return new WalCheckpointer(writer, own, pageCache, restartAfterBytes);
        }
        catch
        {
            own?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// After a commit, on the writer thread: asks for a checkpoint once the WAL holds enough pages, else has the thread
    /// run one <see cref="SyncWithin"/> from now (unless one is due sooner).
    /// </summary>
    public void Committed()
    {
        if (_stopping)
            return;
        bool full = *_walPages >= _checkpointAfterPages;
        if (_own is null)
        {
            if (full)
                _ = Pass(_writer);
            return;
        }
        lock (_gate)
        {
            if (full)
                _requested++;
            else if (_unsyncedSince == 0)
                _unsyncedSince = Stopwatch.GetTimestamp();
            else
                return;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Before a write transaction, on the writer thread: once the WAL has grown past the restart size,
    /// waits until every commit is checkpointed, so this transaction writes the WAL from its start.
    /// </summary>
    public void BeforeBegin()
    {
        if (_own is null || _stopping || *_walPages < _restartAfterPages)
            return;
        lock (_gate)
        {
            while (_done < _requested && !_stopping)
                Monitor.Wait(_gate);
        }
    }

    private void Run()
    {
        while (true)
        {
            long target;
            lock (_gate)
            {
                while (_done == _requested && !_stopping && UntilSyncDue() is var wait && wait != TimeSpan.Zero)
                    Monitor.Wait(_gate, wait);
                if (_stopping)
                    return;
                target = _requested;
                _unsyncedSince = 0; // this pass syncs every commit made so far
            }
            bool caughtUp = Pass(_own!);
            lock (_gate)
            {
                _done = target;
                // A reader's snapshot can keep a pass from copying (then it syncs nothing): try again in a while.
                if (!caughtUp && _unsyncedSince == 0)
                    _unsyncedSince = Stopwatch.GetTimestamp();
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>How long until a commit has waited <see cref="SyncWithin"/> for a pass: infinite with none waiting. Under the gate.</summary>
    private TimeSpan UntilSyncDue()
    {
        if (_unsyncedSince == 0)
            return Timeout.InfiniteTimeSpan;
        var left = SyncWithin - Stopwatch.GetElapsedTime(_unsyncedSince);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>A pass; true when it copied every page of the WAL into the file.</summary>
    private bool Pass(SqliteDatabase db)
    {
        bool caughtUp = Checkpoint(db);
        _pageCache?.ReleaseIfGrown();
        return caughtUp;
    }

    /// <summary>
    /// A passive checkpoint; a failure is left to the next pass, as SQLite leaves its automatic checkpoint's. True when
    /// it copied the whole WAL.
    /// </summary>
    private static bool Checkpoint(SqliteDatabase db)
    {
        int log, checkpointed;
        int rc;
        fixed (byte* main = "main\0"u8)
            rc = NativeMethods.sqlite3_wal_checkpoint_v2(db.Handle.DangerousGetHandle(), main, raw.SQLITE_CHECKPOINT_PASSIVE, &log, &checkpointed);
        return rc == raw.SQLITE_OK && checkpointed >= log;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int RecordWalPages(nint walPages, nint db, byte* databaseName, int pages)
    {
        *(int*)walPages = pages;
        return raw.SQLITE_OK;
    }

    /// <summary>Stops the thread after its pass and closes its connection; the writer's gets no hook calls after this.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
                return;
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        _thread?.Join();
        _own?.Dispose();
        _ = NativeMethods.sqlite3_wal_hook(_writer.Handle.DangerousGetHandle(), null, 0);
        NativeMemory.Free(_walPages);
    }
}
