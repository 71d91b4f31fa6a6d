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
/// SQLite's own automatic threshold. It is <c>PASSIVE</c>: it never waits for the writer or a reader, and a failure
/// loses nothing (the pages stay in the WAL and the next pass tries again), as with SQLite's automatic checkpoint.
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

    private readonly SqliteDatabase _writer;
    private readonly SqliteDatabase? _own;
    private readonly PageCacheReleaser? _pageCache;
    private readonly int* _walPages; // written by SQLite's WAL hook on the writer's connection after each commit
    private readonly long _restartAfterPages;
    private readonly object _gate = new();
    private readonly Thread? _thread;
    private long _requested; // passes asked for, one per commit past the threshold
    private long _done; // the requests that finished passes have covered
    private bool _stopping;

    private WalCheckpointer(SqliteDatabase writer, SqliteDatabase? own, PageCacheReleaser? pageCache, long restartAfterBytes)
    {
        _writer = writer;
        _own = own;
        _pageCache = pageCache;
        _restartAfterPages = Math.Max(CheckpointAfterPages, restartAfterBytes / Math.Max(1, writer.QueryInt64("PRAGMA page_size")));
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

    /// <summary>After a commit, on the writer thread: asks for a checkpoint once the WAL holds enough pages.</summary>
    public void Committed()
    {
        if (_stopping || *_walPages < CheckpointAfterPages)
            return;
        if (_own is null)
        {
            Pass(_writer);
            return;
        }
        lock (_gate)
        {
            _requested++;
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
                while (_done == _requested && !_stopping)
                    Monitor.Wait(_gate);
                if (_stopping)
                    return;
                target = _requested;
            }
            Pass(_own!);
            lock (_gate)
            {
                _done = target;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void Pass(SqliteDatabase db)
    {
        Checkpoint(db);
        _pageCache?.ReleaseIfGrown();
    }

    /// <summary>A passive checkpoint; its result is ignored, as SQLite ignores its automatic checkpoint's.</summary>
    private static void Checkpoint(SqliteDatabase db)
    {
        int log, checkpointed;
        fixed (byte* main = "main\0"u8)
            _ = NativeMethods.sqlite3_wal_checkpoint_v2(db.Handle.DangerousGetHandle(), main, raw.SQLITE_CHECKPOINT_PASSIVE, &log, &checkpointed);
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
