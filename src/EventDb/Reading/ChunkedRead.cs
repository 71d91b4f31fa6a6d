using System.Buffers;
using System.Runtime.CompilerServices;

namespace EventDb;

/// <summary>
/// The one read of rows in id order, behind every read <see cref="EventFile"/> makes of rows — typed or a table's, once
/// or following — and so behind <c>eventdb tail</c> and Penguin's commands. Rows are read <see cref="ChunkRows"/> at a
/// time, each chunk whole before its first row is handed out, up to the largest id present when the read starts (or,
/// following, when each commit is seen): memory stays bounded, and no read of the file lasts longer than one chunk,
/// however slowly the rows are used.
/// </summary>
internal static class ChunkedRead
{
    public const int ChunkRows = 4_096;

    /// <summary>
    /// The rows <paramref name="selection"/> selects; <paramref name="open"/> runs when the enumeration starts, and
    /// <paramref name="checkOpen"/> (which throws once the file is closed) before each chunk.
    /// </summary>
    public static IEnumerable<(long Id, TRow Row)> Rows<TRow>(Func<IRowChunks<TRow>> open, RowSelection selection, Action checkOpen)
    {
        checkOpen();
        using var chunks = open();
        long after = selection.AfterId ?? long.MinValue;
        long through = Math.Min(selection.ThroughId ?? long.MaxValue, chunks.LastId() ?? long.MinValue);
        if (selection.Last is { } last)
        {
            if (last <= 0)
                yield break;
            if (after < through && chunks.IdOfLast(after, through, last) is { } first)
                after = first - 1;
        }
        int limit = selection.Limit is { } most ? Math.Max(0, most) : int.MaxValue;
        foreach (var row in Between(chunks, after, through, limit, checkOpen))
            yield return row;
    }

    /// <summary>
    /// The rows of <paramref name="table"/> after <paramref name="afterId"/> that are there now, then each new one as a
    /// writer commits it: in id order, none twice, none skipped. A table that does not exist yet is waited for.
    /// </summary>
    /// <remarks>
    /// Relies on what an EventDb writer guarantees: every commit holds ids above those committed before it. The path is
    /// asked at every poll whether it still leads to the file being read: once it does not (renamed, deleted, another
    /// file in its place), the rows that file got are read and the follow ends with an <see cref="EventDbException"/>
    /// rather than go on watching a file nothing will write again, or carry on into another file whose ids start over.
    /// </remarks>
    public static async IAsyncEnumerable<(long Id, TRow Row)> Follow<TRow>(
        IEventReader reader, string table, Func<IRowChunks<TRow>> open, long afterId, Func<TimeSpan> pollInterval, Action checkOpen,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IRowChunks<TRow>? chunks = null;
        try
        {
            long last = afterId, seen = long.MinValue;

            // A read that fails because the file was truncated or replaced under it says that, not SQLite's "malformed".
            T Guarded<T>(Func<T> step)
            {
                try
                {
                    return step();
                }
                catch (EventDbException ex) when (reader.Replaced() is { } why)
                {
                    throw new EventDbException($"'{reader.Path}' {why} while it was followed, and the follow ends.", ex);
                }
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                checkOpen();
                // Asked before reading, so every row the file got before it was replaced is read below, then the follow ends.
                var replaced = reader.Replaced();
                long version = Guarded(reader.DataVersion);
                if (version != seen && (chunks is not null || Guarded(() => reader.HasTable(table))))
                {
                    seen = version;
                    chunks ??= Guarded(open);
                    // Up to the largest id now: rows a later commit adds come next time, so none is read twice or skipped.
                    long through = Guarded(chunks.LastId) ?? long.MinValue;
                    using var rows = Between(chunks, last, through, int.MaxValue, checkOpen).GetEnumerator();
                    while (Guarded(rows.MoveNext))
                        yield return rows.Current;
                    last = Math.Max(last, through);
                }
                if (replaced is not null)
                {
                    throw new EventDbException($"'{reader.Path}' {replaced} while it was followed: every row the followed file got has been read, and the follow ends.");
                }
                await Task.Delay(pollInterval(), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            chunks?.Dispose();
        }
    }

    /// <summary>At most <paramref name="limit"/> rows with ids in (<paramref name="after"/>, <paramref name="through"/>], chunk by chunk.</summary>
    private static IEnumerable<(long Id, TRow Row)> Between<TRow>(IRowChunks<TRow> chunks, long after, long through, int limit, Action checkOpen)
    {
        // One buffer per read, from the pool: a read allocates nothing per row beyond the rows' own values.
        var chunk = ArrayPool<(long Id, TRow Row)>.Shared.Rent(ChunkRows);
        try
        {
            while (limit > 0 && after < through)
            {
                checkOpen();
                int wanted = Math.Min(ChunkRows, limit);
                int count = chunks.Read(after, through, chunk.AsSpan(0, wanted));
                for (int i = 0; i < count; i++)
                    yield return chunk[i];
                if (count < wanted)
                    break;
                after = chunk[count - 1].Id;
                limit -= count;
            }
        }
        finally
        {
            ArrayPool<(long Id, TRow Row)>.Shared.Return(chunk, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<TRow>());
        }
    }
}
