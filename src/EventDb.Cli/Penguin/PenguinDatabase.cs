namespace EventDb.Cli.Penguin;

/// <summary>Finding and opening <c>plugins.db</c> under <c>--results</c>, as Penguin's <c>db</c> does.</summary>
internal static class PenguinDatabase
{
    /// <summary>
    /// Opens <c>RESULTS/plugins.db</c> (a plain join, as Python's <c>os.path.join</c>: <c>x</c> and <c>x/</c> give
    /// <c>x/plugins.db</c>, an empty value <c>plugins.db</c>). Penguin's own message when it is missing, but on standard
    /// error with exit 1 (Penguin prints it on standard output and exits 0).
    /// </summary>
    public static EventFile Open(string results)
    {
        var path = Path.Join(results, EventFile.DefaultFileName);
        if (!File.Exists(path))
        {
            throw new CliException(Directory.Exists(path)
                ? $"'{path}' is a directory, not a database. Check your --results"
                : $"Failed to find db at {path}. Check your --results");
        }
        return EventFile.OpenRead(path);
    }

    /// <summary>
    /// Where <c>--follow</c> starts, as in Penguin: after the largest id of the <c>event</c> table less 4, so the rows
    /// among the last four events of any type are shown first. An empty table starts from the beginning (Penguin crashes).
    /// </summary>
    public static long FollowStart(EventFile file)
    {
        GenericFile.RequireTable(file, "event");
        return file.LastId("event") is { } max ? Math.Max(0, max - 4) : 0;
    }
}
