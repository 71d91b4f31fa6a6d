namespace EventDb.Export.Internals;

/// <summary>
/// The corpus on disk: <c>table=T/run=R/part-NNNN.parquet</c> partitions, <c>_runs/R.json</c> manifests, and
/// <c>_tmp/</c> where runs are written before they are renamed into place. Names starting with <c>_</c> are skipped by
/// Spark and Hive, and nothing under <c>_tmp</c> matches <c>table=*/*/*.parquet</c>, so no reader sees a partition
/// being written. One export writes to a corpus at a time (<c>_export.lock</c>, released by the OS if it dies).
/// </summary>
internal sealed class CorpusLayout : IDisposable
{
    public const string TablePrefix = "table=";
    public const string RunPrefix = "run=";

    private readonly FileStream _lock;

    private CorpusLayout(string root, FileStream lockFile)
    {
        Root = root;
        _lock = lockFile;
    }

    public string Root { get; }

    public string TemporaryRoot => Path.Combine(Root, "_tmp");

    public string ManifestRoot => Path.Combine(Root, "_runs");

    /// <summary>
    /// Takes the corpus for writing (creating it) and removes what an export that was killed left in <c>_tmp</c>.
    /// </summary>
    /// <exception cref="IOException">Another export is writing to the corpus.</exception>
    public static CorpusLayout Open(string corpus)
    {
        var root = Path.GetFullPath(corpus);
        var lockPath = Path.Combine(root, "_export.lock");
        FileStream lockFile;
        try
        {
            DirectorySync.CreateDirectory(root);
            // FileShare.None is an exclusive advisory lock (flock) on Unix: a second exporter is refused at once.
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (CanCreateFileIn(root))
        {
            // The directory takes new files, so what failed was the lock: .NET reports a held flock as an IOException
            // whose HResult is the platform's errno (EWOULDBLOCK), not a type of its own.
            throw new IOException($"Another export is writing to '{root}' (it holds {lockPath}).", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only corpus (EROFS), no permission, a file where the directory should be: not another exporter.
            throw new IOException($"Cannot write to the corpus '{root}': {ex.Message}", ex);
        }
        var layout = new CorpusLayout(root, lockFile);
        if (Directory.Exists(layout.TemporaryRoot))
            Directory.Delete(layout.TemporaryRoot, recursive: true);
        DirectorySync.CreateDirectory(layout.ManifestRoot);
        return layout;
    }

    private static bool CanCreateFileIn(string directory)
    {
        try
        {
            using (new FileStream(Path.Combine(directory, $"_probe-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public string ManifestPath(string runId) => Path.Combine(ManifestRoot, runId + ".json");

    public string PartitionPath(string table, string runId) => Path.Combine(Root, TablePrefix + table, RunPrefix + runId);

    /// <summary>A fresh directory for one run's files, under <c>_tmp</c>.</summary>
    public string NewTemporary(string runId)
    {
        var path = Path.Combine(TemporaryRoot, runId + "." + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The tables that have a partition of <paramref name="runId"/>.</summary>
    public IEnumerable<string> TablesWithPartition(string runId) =>
        Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root, TablePrefix + "*")
                .Where(d => Directory.Exists(Path.Combine(d, RunPrefix + runId)))
                .Select(d => Path.GetFileName(d)[TablePrefix.Length..])
            : [];

    /// <summary>
    /// Puts a run's freshly written tables in place: its manifest is removed first (so a death half-way leaves a run that
    /// the next export redoes), each partition is renamed in whole — the old one, if any, moved aside first — and the
    /// run's partitions of tables it no longer has are removed. Each partition directory appears complete or not at all.
    /// </summary>
    /// <remarks>
    /// Through a power cut too: the manifest's removal is synced before any partition moves, each partition's files
    /// (synced by their writer) have their names synced before it is renamed, and every directory a rename changed is
    /// synced before the new manifest is written (which syncs its own name).
    /// </remarks>
    public void Publish(string runId, string temporary, IEnumerable<string> tables, Manifest manifest)
    {
        if (File.Exists(ManifestPath(runId)))
        {
            File.Delete(ManifestPath(runId));
            DirectorySync.Sync(ManifestRoot);
        }
        var retired = Path.Combine(temporary, "_retired");
        Directory.CreateDirectory(retired);
        var fresh = tables.ToHashSet(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stale in TablesWithPartition(runId).Where(t => !fresh.Contains(t)).ToList())
        {
            Directory.Move(PartitionPath(stale, runId), Path.Combine(retired, TablePrefix + stale));
            changed.Add(Path.GetDirectoryName(PartitionPath(stale, runId))!);
        }
        DirectorySync.Sync(temporary);
        foreach (var table in fresh)
        {
            var written = Path.Combine(temporary, TablePrefix + table);
            DirectorySync.Sync(written);
            var target = PartitionPath(table, runId);
            if (!Directory.Exists(Path.GetDirectoryName(target)))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                changed.Add(Root);
            }
            if (Directory.Exists(target))
                Directory.Move(target, Path.Combine(retired, TablePrefix + table + ".old"));
            Directory.Move(written, target);
            changed.Add(Path.GetDirectoryName(target)!);
        }
        foreach (var directory in changed)
            DirectorySync.Sync(directory);
        manifest.Write(ManifestPath(runId));
    }

    public static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // left in _tmp: the next export removes it
        }
    }

    public void Dispose() => _lock.Dispose();
}
