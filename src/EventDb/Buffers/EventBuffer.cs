using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// The events of one type added by one producer thread, waiting to be written. Only that thread appends: it copies the
/// event into a chain of fixed-size segments and publishes it with a release store of the segment's count, so an Add
/// shares no cache line with another producer. The writer reads behind it, takes what is published, and after the
/// commit returns the emptied segments for reuse: a steady stream allocates nothing and nothing is copied on growth.
/// </summary>
/// <remarks>
/// Each buffer is sorted by id (one thread's ids rise). The writer merges the buffers of a table by id, so every B-tree
/// is only appended to.
/// </remarks>
internal abstract class EventBuffer
{
    protected EventBuffer(EventTableSchema schema, Thread producer, bool ownsIds)
    {
        Schema = schema;
        Producer = producer;
        OwnsIds = ownsIds;
    }

    public EventTableSchema Schema { get; }

    /// <summary>The one thread that appends; once it has exited and the buffer is drained, the logger drops the buffer.</summary>
    public Thread Producer { get; }

    /// <summary>Whether the producer is the logger's first (see <see cref="EventSequence.TryNextOwned"/>).</summary>
    public bool OwnsIds { get; }

    /// <summary>Events on the writer's side: taken and not yet released.</summary>
    public int TakenCount { get; protected set; }

    /// <summary>Taken events the writer rejected (a value SQLite cannot store); they are skipped from then on.</summary>
    public int RejectedCount { get; protected set; }

    /// <summary>Taken events still to be written.</summary>
    public int LiveCount => TakenCount - RejectedCount;

    /// <summary>Nothing taken and nothing published waiting. Writer thread only.</summary>
    public abstract bool IsDrained { get; }

    /// <summary>
    /// Returns once the producer's Add that was between taking its id and publishing its event at the time of the call,
    /// if any, has published: the writer calls it after reading the last id, and the end of the first producer's
    /// plain-store ids calls it on the owner's buffers.
    /// </summary>
    public abstract void WaitForAddInFlight();

    /// <summary>
    /// Takes the published events with ids up to <paramref name="throughId"/>; after <see cref="WaitForAddInFlight"/>
    /// that is every one of them. Writer thread only, after <see cref="Release"/>.
    /// </summary>
    public abstract int TakeThrough(long throughId);

    /// <summary>Starts a pass over the taken events.</summary>
    public abstract RowCursor BeginRows();

    /// <summary>The id of the cursor's next event, or <see cref="long.MaxValue"/> when the pass is done.</summary>
    public abstract long NextId(ref RowCursor cursor);

    /// <summary>
    /// Calls <paramref name="function"/> with this buffer's event type, which a caller holding the untyped buffer does
    /// not know: the writer makes its typed feed this way, and the buffer knows nothing of feeds.
    /// </summary>
    public abstract TResult ForEventType<TResult>(IEventTypeFunction<TResult> function);

    /// <summary>Forgets the taken events after their commit and recycles their segments. Writer thread only.</summary>
    public abstract void Release();
}

internal sealed partial class EventBuffer<T> : EventBuffer where T : struct, IEventTable<T>
{
    // Producer side.
    private AddCounter _adds;
    private Segment _tail;
    private long _lastIdSeen; // this producer's guess of the sequence's last id (see EventSequence.TryNext)

    // Writer side: the first entry not yet taken, and the end of the taken range.
    private Segment _readSegment;
    private int _readIndex;
    private Segment _takenEnd;
    private int _takenEndIndex;

    private readonly SegmentPool _pool;

    /// <param name="producer">The thread that appends.</param>
    /// <param name="ownsIds">Whether the producer is the logger's only one so far (see <see cref="EventSequence.TryNextOwned"/>).</param>
    /// <param name="pool">The logger's emptied segments of this type.</param>
    public EventBuffer(Thread producer, bool ownsIds, SegmentPool pool) : base(T.Schema, producer, ownsIds)
    {
        _tail = _readSegment = _takenEnd = new Segment(FirstSegmentLength);
        _pool = pool;
    }

    /// <summary>
    /// Takes the next id and appends the event. Returns the id, or <see cref="EventSequence.Full"/> /
    /// <see cref="EventSequence.Disposed"/> without appending. Producer thread only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long TryAppend(in T row, EventSequence sequence)
    {
        // Room first: renting a segment may allocate, and nothing may throw between taking an id and publishing it.
        var tail = _tail;
        int count = tail.Count;
        if (count == tail.Items.Length)
        {
            tail = AddSegment();
            count = 0;
        }
        int adds = _adds.Value;
        // Odd before the id is taken: a writer that read the last id and then sees it odd waits until this Add has
        // published. (Stores are seen in order, so an id this Add stores is never seen before the odd count.)
        Volatile.Write(ref _adds.Value, adds + 1);
        long id = OwnsIds && !sequence.IsShared ? sequence.TryNextOwned() : sequence.TryNext(ref _lastIdSeen);
        if (id > 0)
        {
            ref var entry = ref tail.Items[count];
            entry.Id = id;
            entry.Row = row;
            Volatile.Write(ref tail.Count, count + 1);
        }
        Volatile.Write(ref _adds.Value, adds + 2);
        return id;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Segment AddSegment()
    {
        var segment = _pool.Rent();
        if (segment is null)
        {
            segment = new Segment(SegmentLength);
        }
        else
        {
            // Recycled entries are not cleared: the producer overwrites every entry it publishes, and clearing them on
            // the writer made it own those cache lines just before the producer wrote them (Add ran ~10 ns slower).
            segment.Count = 0;
            segment.Next = null;
        }
        Volatile.Write(ref _tail.Next, segment);
        return _tail = segment;
    }

    public override bool IsDrained =>
        TakenCount == 0 && _readIndex == Volatile.Read(ref _readSegment.Count) && Volatile.Read(ref _readSegment.Next) is null;

    public override void WaitForAddInFlight()
    {
        int adds = Volatile.Read(ref _adds.Value);
        if ((adds & 1) == 0)
            return;
        // A few instructions, unless the producer was preempted mid-Add: SpinOnce soon yields the core to it.
        var spinner = new SpinWait();
        while (Volatile.Read(ref _adds.Value) == adds)
            spinner.SpinOnce();
    }

    public override int TakeThrough(long throughId)
    {
        var segment = _readSegment;
        int index = _readIndex;
        int taken = 0;
        while (true)
        {
            int end = Volatile.Read(ref segment.Count);
            if (end > index && segment.Items[end - 1].Id > throughId)
                end = FirstAbove(segment.Items, index, end, throughId);
            taken += end - index;
            index = end;
            if (index < segment.Items.Length)
                break; // an id above throughId, or the producer is still filling this segment
            var next = Volatile.Read(ref segment.Next);
            if (next is null)
                break;
            segment = next;
            index = 0;
        }
        _takenEnd = segment;
        _takenEndIndex = index;
        TakenCount = taken;
        return taken;
    }

    /// <summary>The index of the first entry in [<paramref name="start"/>, <paramref name="end"/>) with an id above <paramref name="id"/>.</summary>
    private static int FirstAbove(Entry[] items, int start, int end, long id)
    {
        while (start < end)
        {
            int middle = (int)((uint)(start + end) >> 1);
            if (items[middle].Id <= id)
                start = middle + 1;
            else
                end = middle;
        }
        return start;
    }

    public override RowCursor BeginRows() => new() { Segment = _readSegment, Index = _readIndex, Remaining = TakenCount };

    public override long NextId(ref RowCursor cursor)
    {
        while (cursor.Remaining > 0)
        {
            var segment = (Segment)cursor.Segment!;
            if (cursor.Index == segment.Items.Length)
            {
                cursor.Segment = segment.Next;
                cursor.Index = 0;
                continue;
            }
            long id = segment.Items[cursor.Index].Id;
            if (id > 0)
                return id;
            cursor.Index++; // rejected
            cursor.Remaining--;
        }
        return long.MaxValue;
    }

    public override TResult ForEventType<TResult>(IEventTypeFunction<TResult> function) => function.Invoke<T>();

    /// <summary>The event at the cursor, which <see cref="NextId"/> has just found, and moves the cursor past it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref Entry Take(ref RowCursor cursor)
    {
        ref var entry = ref ((Segment)cursor.Segment!).Items[cursor.Index];
        cursor.Index++;
        cursor.Remaining--;
        return ref entry;
    }

    /// <summary>
    /// Marks an event the store cannot take, so every later pass skips it. After its report (<see cref="RowSink{T}.TryWrite"/>) is recorded:
    /// should the report's memory not be had, the batch fails with the event unmarked, and the retry rejects and reports it.
    /// </summary>
    public void Reject(ref Entry entry)
    {
        entry.Id = -entry.Id;
        RejectedCount++;
    }

    public override void Release()
    {
        // Every segment before the taken range's end is consumed: the producer has moved past it.
        if (_readSegment != _takenEnd)
            _pool.Return(_readSegment, _takenEnd);
        else
            _pool.Trim(); // an idle logger's writer still passes every FlushInterval: a burst's surplus goes then too
        _readSegment = _takenEnd;
        _readIndex = _takenEndIndex;
        TakenCount = 0;
        RejectedCount = 0;
    }
}
