using System.Diagnostics;
using SQLitePCL;

namespace EventDb;

/// <summary>
/// The writer's connection, opened and set up: the one-writer-per-file lock taken, the declared tables created, checked
/// or given their new nullable columns, WAL on. A lock another connection holds is waited out for up to
/// <see cref="StoreOptions.OpenTimeout"/>, as a flush waits one out.
/// </summary>
internal sealed class WriterConnection : IDisposable
{
    private const int NewFilePageSize = 16384;
    private static readonly TimeSpan s_busyBackoff = TimeSpan.FromMilliseconds(50);

    private WriterConnection(SqliteDatabase database, SqliteMainFile? mainFile, long maxId, int busyRetries)
    {
        Database = database;
        MainFile = mainFile;
        MaxId = maxId;
        BusyRetries = busyRetries;
    }

    public SqliteDatabase Database { get; }

    /// <summary>SQLite's descriptor of the file, when it could be identified (Linux).</summary>
    public SqliteMainFile? MainFile { get; }

    /// <summary>The largest id in the file when it opened.</summary>
    public long MaxId { get; }

    /// <summary>How many times opening met a lock held by another connection and tried again.</summary>
    public int BusyRetries { get; }

    /// <exception cref="EventDbException">The directory or file cannot be created, it is not a database, another writer holds it, or it stayed locked past the open timeout.</exception>
    /// <exception cref="EventDbSchemaException">A declared table cannot be brought to its declaration; the file was not changed.</exception>
    public static WriterConnection Open(string path, StoreOptions options)
    {
        CreateDirectory(path);
        var db = SqliteDatabase.Open(path, readOnly: false, create: true);
        SqliteMainFile? mainFile = null;
        try
        {
            mainFile = SqliteMainFile.Find(db);
            LockForWriting(mainFile, path);
            raw.sqlite3_busy_timeout(db.Handle, (int)options.BusyTimeout.TotalMilliseconds);
            var deadline = Stopwatch.GetTimestamp() + (long)(options.OpenTimeout.TotalSeconds * Stopwatch.Frequency);
            for (int retries = 0; ; retries++)
            {
                try
                {
                    long maxId = Configure(db, options);
                    return new WriterConnection(db, mainFile, maxId, retries);
                }
                catch (EventDbException ex) when (SqliteDatabase.IsBusy(ex))
                {
                    if (db.InTransaction)
                        db.TryExecute("ROLLBACK");
                    if (Stopwatch.GetTimestamp() >= deadline)
                        throw new EventDbException(ex.SqliteExtendedErrorCode, $"'{path}' stayed locked by another connection for the open timeout ({options.OpenTimeout.TotalSeconds:0.###} s, {retries} retries): {ex.Message}");
                    Thread.Sleep(s_busyBackoff);
                }
            }
        }
        catch
        {
            mainFile?.UnlockForWriting();
            db.Dispose();
            throw;
        }
    }

    /// <summary>Creates the file's directory when missing, its new names synced: a power cut after Open keeps the path.</summary>
    private static void CreateDirectory(string path)
    {
        string directory = Path.GetDirectoryName(path)!;
        try
        {
            DirectorySync.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new EventDbException($"Cannot create directory '{directory}' for the database: {Why(directory, ex)}", ex);
        }
    }

    /// <summary>.NET says a dangling or looping link "already exists", which sends the user looking for a file.</summary>
    private static string Why(string directory, Exception ex) =>
        new FileInfo(directory).LinkTarget is { } target && !Directory.Exists(directory)
            ? $"it is a symbolic link to '{target}', which does not lead to a directory."
            : ex.Message;

    private static void LockForWriting(SqliteMainFile? mainFile, string path)
    {
        if (mainFile is null || mainFile.TryLockForWriting())
            return;
        var holder = mainFile.FindWriter();
        if (holder is { IsWriter: false })
        {
            var locker = holder.Value.ProcessId is { } locking ? $"Process {locking}" : "Another process (the kernel names none for its open-file-description lock)";
            throw new EventDbException($"{locker} locks the whole of '{path}' with fcntl, so SQLite could not write it either; EventDb will not write it while that lock is held.");
        }
        var who = holder?.ProcessId switch
        {
            null => "another process", // it let go since
            int pid when pid == Environment.ProcessId => $"another EventLogger in this process (pid {pid})",
            int pid => $"process {pid}",
        };
        throw new EventDbException(
            $"'{path}' is already open for writing by {who}. EventDb allows one writer per file (readers are welcome): dispose that logger first, or write to another file.");
    }

    /// <summary>Checks and sets up the file; returns its largest id.</summary>
    private static long Configure(SqliteDatabase db, StoreOptions options)
    {
        try
        {
            // The first read of the header: a file that is not a database fails here, with a message that says so.
            _ = db.QueryInt64("SELECT count(*) FROM sqlite_schema");
        }
        catch (EventDbException ex) when (ex.SqliteErrorCode == raw.SQLITE_NOTADB)
        {
            throw new EventDbException(ex.SqliteExtendedErrorCode, $"'{db.Path}' is not an SQLite database; EventDb will not overwrite it.");
        }
        // Refused before anything changes, so a file EventDb will not write is left exactly as it was (not even in WAL).
        SchemaManager.Check(db, options.Tables);
        long maxId = SqliteCatalog.MaxId(db);
        if (maxId >= EventSequence.LastAssignableId)
        {
            throw new EventDbException(
                $"'{db.Path}' holds id {maxId}, and EventDb's ids end at {EventSequence.LastAssignableId} (2^61 - 1): no id is left for a new event. Write to a new file.");
        }
        // Only a new, empty file takes a page size (WAL fixes it from then on). 16 KiB pages measured ~10% faster
        // than 4 KiB for this append-only load: fewer pages, headers and B-tree splits per row.
        db.Execute($"PRAGMA page_size={NewFilePageSize}");
        var mode = db.QueryText("PRAGMA journal_mode=WAL")[0][0];
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new EventDbException($"'{db.Path}' could not be switched to WAL (journal_mode is '{mode}').");
        db.Execute(options.Durability == Durability.Full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        db.Execute("PRAGMA cache_size=-65536");
        // SQLitePCLRaw's e_sqlite3 is built with foreign keys enforced by default. The writer inserts every child row
        // with its base row, under the same id and in the same transaction, so the reference holds by construction;
        // enforcing it cost a lookup in the base table per child row and a statement journal per INSERT.
        db.Execute("PRAGMA foreign_keys=OFF");
        SchemaManager.EnsureTables(db, options.Tables);
        return maxId;
    }

    /// <summary>Releases the writer lock and closes the connection.</summary>
    public void Dispose()
    {
        MainFile?.UnlockForWriting();
        Database.Dispose();
    }
}
