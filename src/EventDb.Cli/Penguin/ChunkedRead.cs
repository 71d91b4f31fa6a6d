namespace EventDb.Cli.Penguin;

/// <summary>
/// The rows of an event type that are in the file when the read starts, in id order, read in chunks of
/// <see cref="ChunkRows"/>: memory stays bounded, and no read lasts longer than one chunk, so a writer in rollback-journal
/// mode (Penguin's own logger) is never kept waiting for its commit while the output is printed.
/// </summary>
internal static class ChunkedRead
{
    public const int ChunkRows = 4_096;

    public static IEnumerable<(long Id, T Event)> Rows<T>(EventFile file, Condition? where) where T : struct, IEventTable<T>
    {
        _ = file.ReadWithIds<T>(new EventQuery { Limit = 0 }); // the file has T's tables and columns, or this throws now
        return Chunks<T>(file, where, LastId(file, T.Schema.Name));
    }

    private static IEnumerable<(long Id, T Event)> Chunks<T>(EventFile file, Condition? where, long through) where T : struct, IEventTable<T>
    {
        long after = long.MinValue;
        while (after < through)
        {
            var chunk = file.ReadWithIds<T>(new EventQuery { AfterId = after, ThroughId = through, Where = where, Limit = ChunkRows }).ToList();
            foreach (var row in chunk)
                yield return row;
            if (chunk.Count < ChunkRows)
                yield break;
            after = chunk[^1].Id;
        }
    }

    private static long LastId(EventFile file, string table)
    {
        foreach (var row in file.Query($"SELECT max(id) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\""))
            return row[0] as long? ?? long.MinValue;
        return long.MinValue;
    }
}
