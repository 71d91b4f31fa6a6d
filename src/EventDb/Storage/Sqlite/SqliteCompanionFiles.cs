namespace EventDb;

/// <summary>
/// Whether a path names a database file or one of the files SQLite keeps beside it (<c>-wal</c>, <c>-shm</c>,
/// <c>-journal</c>), by any path: symbolic links (SQLite puts those files beside the link's final target), <c>..</c>,
/// hard links. Files are compared by device and inode (Linux); one that does not exist yet by its directory's identity
/// and its name. Without <c>statx</c>, by full path.
/// </summary>
internal static class SqliteCompanionFiles
{
    private static readonly string[] s_suffixes = ["-wal", "-shm", "-journal"];

    public static bool IsFileOrCompanion(string database, string path)
    {
        var db = FinalTarget(Path.GetFullPath(database));
        var target = FinalTarget(Path.GetFullPath(path));
        var identity = Identity(target);
        if (identity is not null && identity == Identity(db))
            return true;
        var sameDirectory = Identity(Path.GetDirectoryName(target)!) is { } directory
            ? directory == Identity(Path.GetDirectoryName(db)!)
            : string.Equals(Path.GetDirectoryName(target), Path.GetDirectoryName(db), StringComparison.Ordinal);
        foreach (var suffix in s_suffixes)
        {
            if (sameDirectory && string.Equals(Path.GetFileName(target), Path.GetFileName(db) + suffix, StringComparison.Ordinal))
                return true;
            if (identity is not null && identity == Identity(db + suffix))
                return true;
        }
        return identity is null && string.Equals(target, db, StringComparison.Ordinal);
    }

    private static SqliteMainFile.FileIdentity? Identity(string path) => SqliteMainFile.FileIdentity.OfPath(path);

    private static string FinalTarget(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path; // a dangling or looping link: the path itself
        }
    }
}
