using System.Runtime.CompilerServices;

namespace EventDb;

/// <summary>
/// The writer's hand for one event type: it takes the next events of a buffer of that type and gives each to the store's
/// sink for its rows, so buffers stay containers and know no store. Made once per type from a buffer of it
/// (<see cref="For"/>); the call per row is the sink's own, typed, as before.
/// </summary>
internal abstract class RowFeed
{
    /// <summary>A new feed of <paramref name="buffer"/>'s event type.</summary>
    public static RowFeed For(EventBuffer buffer) => buffer.ForEventType(RowFeedMaker.Instance);

    /// <summary>
    /// Gives <paramref name="buffer"/>'s next events whose id is below <paramref name="idLimit"/> to
    /// <paramref name="store"/>: their base rows or their own rows. An event the store cannot take is marked so every
    /// later pass skips it, and added to <paramref name="rejections"/>.
    /// </summary>
    public abstract void Write(IEventStore store, EventBuffer buffer, bool baseRows, ref RowCursor cursor, long idLimit, List<EventRejectedException> rejections);
}

internal sealed class RowFeed<T> : RowFeed where T : struct, IEventTable<T>
{
    // The store's sinks for this type, made on the first pass (one store per writer).
    private RowSink<T>? _baseSink;
    private RowSink<T>? _ownSink;

    public override void Write(IEventStore store, EventBuffer buffer, bool baseRows, ref RowCursor cursor, long idLimit, List<EventRejectedException> rejections)
    {
        var rows = Unsafe.As<EventBuffer<T>>(buffer); // a feed is only given buffers of its own type
        var sink = baseRows ? _baseSink ??= store.SinkFor<T>(baseRows: true) : _ownSink ??= store.SinkFor<T>(baseRows: false);
        while (rows.NextId(ref cursor) < idLimit)
        {
            ref var entry = ref EventBuffer<T>.Take(ref cursor);
            if (!sink.TryWrite(entry.Id, in entry.Row, out var rejection))
            {
                rejections.Add(rejection!);
                rows.Reject(ref entry);
            }
        }
    }
}

/// <summary>Makes the feed of an event type a buffer names (see <see cref="EventBuffer.ForEventType{TResult}"/>).</summary>
internal sealed class RowFeedMaker : IEventTypeFunction<RowFeed>
{
    public static readonly RowFeedMaker Instance = new();

    public RowFeed Invoke<T>() where T : struct, IEventTable<T> => new RowFeed<T>();
}
