using System.Runtime.CompilerServices;

namespace EventDb;

/// <summary>
/// The events of one type waiting to be written. Producers append to a chain of fixed-size segments under a short
/// lock; the writer takes the whole chain, writes it, and returns the segments to a free list. Segments are small
/// enough to stay off the large-object heap and are reused, so a steady stream allocates nothing and the buffer never
/// copies on growth.
/// </summary>
internal abstract class EventBuffer
{
    protected EventBuffer(EventTableSchema schema) => Schema = schema;

    public EventTableSchema Schema { get; }

    /// <summary>Events on the writer's side: taken and not yet released.</summary>
    public int TakenCount { get; protected set; }

    /// <summary>Taken events the writer rejected (a value SQLite cannot store); they are skipped from then on.</summary>
    public int RejectedCount { get; protected set; }

    /// <summary>Taken events still to be written.</summary>
    public int LiveCount => TakenCount - RejectedCount;

    /// <summary>
    /// Moves every appended event to the writer's side. Writer thread only, inside the <see cref="EventSequence"/> gate,
    /// and only after <see cref="Release"/>.
    /// </summary>
    public abstract int TakeInsideGate();

    /// <summary>Writes the taken events into this type's own table.</summary>
    public abstract void WriteRows(TableStatements table, Utf8Arena arena);

    /// <summary>Starts a pass over the taken events for their base rows.</summary>
    public abstract BaseCursor BeginBaseRows();

    /// <summary>The id of the next event of the base pass, or <see cref="long.MaxValue"/> when the pass is done.</summary>
    public abstract long NextBaseId(ref BaseCursor cursor);

    /// <summary>
    /// Binds base rows (id, discriminator, base columns) of the next events while there is room for
    /// <paramref name="maxRows"/> and their id is below <paramref name="idLimit"/>; returns how many it bound.
    /// </summary>
    public abstract int BindBaseRows(ref BaseCursor cursor, ref StatementBinder binder, int maxRows, long idLimit);

    /// <summary>Forgets the taken events after their commit and recycles their segments.</summary>
    public abstract void Release(EventSequence sequence);
}

/// <summary>
/// The writer's place in one buffer's taken events during the base-row pass. The writer keeps it, not the buffer: moved
/// on every row, it would otherwise share a cache line with the fields a producer writes on every Add.
/// </summary>
internal struct BaseCursor
{
    public object? Segment;
    public int Index;
}

internal sealed class EventBuffer<T> : EventBuffer where T : struct, IEventTable<T>
{
    private struct Entry
    {
        public long Id;
        public T Row;
    }

    private sealed class Segment
    {
        // Stay under the 85,000-byte large-object threshold: gen0/gen2 segments are cheaper to recycle and scan.
        public static readonly int Length = Math.Max(16, 80_000 / Unsafe.SizeOf<Entry>());

        public readonly Entry[] Items = new Entry[Length];
        public int Count;
        public Segment? Next;
    }

    private Segment _head;
    private Segment _tail;
    private Segment? _free;
    private int _freeCount;
    private readonly int _maxFreeSegments;

    private Segment? _taken;

    /// <param name="maxPooledEvents">How many events' worth of emptied segments to keep for reuse.</param>
    public EventBuffer(int maxPooledEvents) : base(T.Schema)
    {
        _head = _tail = new Segment();
        _maxFreeSegments = Math.Max(2, maxPooledEvents / Segment.Length + 1);
    }

    /// <summary>
    /// Assigns the next id and appends the event, as one step inside the sequence's gate. Returns the id, or
    /// <see cref="EventSequence.Full"/> / <see cref="EventSequence.Disposed"/> without appending.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long TryAppend(in T row, EventSequence sequence)
    {
        sequence.Enter();
        try
        {
            long id = sequence.TryNextInsideGate();
            if (id <= 0)
                return id;
            var tail = _tail;
            if (tail.Count == Segment.Length)
                tail = AddSegment();
            ref var entry = ref tail.Items[tail.Count];
            entry.Id = id;
            entry.Row = row;
            tail.Count++;
            return id;
        }
        finally
        {
            sequence.Exit();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Segment AddSegment()
    {
        var segment = RentSegment();
        _tail.Next = segment;
        return _tail = segment;
    }

    private Segment RentSegment()
    {
        var segment = _free;
        if (segment is null)
            return new Segment();
        _free = segment.Next;
        _freeCount--;
        segment.Next = null;
        return segment;
    }

    public override int TakeInsideGate()
    {
        if (_head.Count == 0)
            return 0;
        // Counted here, once per flush, rather than in a field every Add would have to write.
        int count = 0;
        for (var segment = _head; segment is not null; segment = segment.Next)
            count += segment.Count;
        _taken = _head;
        TakenCount = count;
        _head = _tail = RentSegment();
        return count;
    }

    public override void WriteRows(TableStatements table, Utf8Arena arena)
    {
        var segment = _taken;
        int index = 0;
        int remaining = LiveCount;
        while (remaining > 0)
        {
            int rows = Math.Min(remaining, table.MaxRows);
            nint statement = table.Get(rows);
            var binder = new StatementBinder(statement, arena);
            long firstId = 0;
            for (int r = 0; r < rows;)
            {
                if (index == segment!.Count)
                {
                    segment = segment.Next;
                    index = 0;
                }
                ref var entry = ref segment!.Items[index++];
                if (entry.Id < 0)
                    continue;
                if (r++ == 0)
                    firstId = entry.Id;
                int rowStart = binder.NextIndex;
                try
                {
                    binder.Int64(entry.Id);
                    T.Bind(ref binder, in entry.Row);
                }
                catch (BindException ex)
                {
                    throw Reject(ref entry, Schema, ex.ParameterIndex - rowStart, ex);
                }
            }
            table.Execute(statement, firstId);
            arena.Reset();
            remaining -= rows;
        }
    }

    /// <summary>Marks an event the writer cannot store, so every later pass skips it, and describes why.</summary>
    private EventRejectedException Reject(ref Entry entry, EventTableSchema table, int columnOrdinal, BindException reason)
    {
        long id = entry.Id;
        entry.Id = -id;
        RejectedCount++;
        var column = columnOrdinal == 0 ? "id" : table.Columns[columnOrdinal - 1].Name;
        return new EventRejectedException(id, $"Event {id} was not written: column '{table.Name}.{column}': {reason.Message}", reason);
    }

    public override BaseCursor BeginBaseRows() => new() { Segment = TakenCount > 0 ? _taken : null };

    public override long NextBaseId(ref BaseCursor cursor)
    {
        while (cursor.Segment is Segment segment)
        {
            if (cursor.Index == segment.Count)
            {
                cursor.Segment = segment.Next;
                cursor.Index = 0;
                continue;
            }
            long id = segment.Items[cursor.Index].Id;
            if (id > 0)
                return id;
            cursor.Index++; // rejected
        }
        return long.MaxValue;
    }

    public override int BindBaseRows(ref BaseCursor cursor, ref StatementBinder binder, int maxRows, long idLimit)
    {
        var discriminator = Schema.Discriminator;
        int bound = 0;
        while (bound < maxRows && NextBaseId(ref cursor) < idLimit)
        {
            ref var entry = ref ((Segment)cursor.Segment!).Items[cursor.Index++];
            int rowStart = binder.NextIndex;
            try
            {
                binder.Int64(entry.Id);
                binder.Text(discriminator);
                T.BindBase(ref binder, in entry.Row);
            }
            catch (BindException ex)
            {
                throw Reject(ref entry, Schema.Base!, ex.ParameterIndex - rowStart, ex);
            }
            bound++;
        }
        return bound;
    }

    public override void Release(EventSequence sequence)
    {
        var segment = _taken;
        if (segment is null)
            return;
        // Recycled segments are not cleared: the producer overwrites every entry it uses, and clearing here made the
        // writer own those cache lines just before the producer writes them (Add ran ~10 ns slower). What stale entries
        // keep alive is bounded by the free list's cap; segments beyond it are dropped for the GC.
        int kept = 0;
        var last = segment;
        for (var s = segment; s is not null && _freeCount + kept < _maxFreeSegments; s = s.Next)
        {
            s.Count = 0;
            last = s;
            kept++;
        }
        if (kept > 0)
        {
            last.Next = null; // the rest of the chain, if any, goes to the GC
            sequence.Enter();
            last.Next = _free;
            _free = segment;
            _freeCount += kept;
            sequence.Exit();
        }
        _taken = null;
        TakenCount = 0;
        RejectedCount = 0;
    }
}
