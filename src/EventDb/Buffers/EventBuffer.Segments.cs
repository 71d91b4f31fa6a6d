using System.Runtime.CompilerServices;

namespace EventDb;

// The memory of a buffer: its entries, the fixed-size segments that hold them, and the per-type pool emptied segments
// go back to, so a steady stream allocates nothing.
internal sealed partial class EventBuffer<T>
{
    internal struct Entry
    {
        public long Id;
        public T Row;
    }

    internal sealed class Segment(int length)
    {
        public readonly Entry[] Items = new Entry[length];

        /// <summary>Published entries: the producer's release store, the writer's acquire load.</summary>
        public int Count;

        /// <summary>Linked by the producer before it publishes anything in the next segment.</summary>
        public Segment? Next;
    }

    // Stay under the 85,000-byte large-object threshold: gen0/gen2 segments are cheaper to recycle and scan.
    private static readonly int SegmentLength = Math.Max(16, 80_000 / Unsafe.SizeOf<Entry>());

    // A thread that adds a handful of events holds a few KiB until the writer recycles them, not a whole segment.
    private const int FirstSegmentLength = 16;

    /// <summary>
    /// Emptied segments of one type, shared by every thread's buffer of it in one logger: the writer returns them after
    /// a commit and a producer takes one when its segment is full (once per few hundred events, so the lock is cheap),
    /// so threads that come and go reuse memory rather than allocate it.
    /// </summary>
    internal sealed class SegmentPool(int maxPooledEvents)
    {
        private readonly Lock _lock = new();
        private readonly int _maxSegments = Math.Max(2, maxPooledEvents / SegmentLength + 1);
        private Segment? _free;
        private int _count;

        public Segment? Rent()
        {
            lock (_lock)
            {
                var segment = _free;
                if (segment is not null)
                {
                    _free = segment.Next;
                    _count--;
                }
                return segment;
            }
        }

        /// <summary>Takes back the chain from <paramref name="first"/> up to, not including, <paramref name="end"/>.</summary>
        public void Return(Segment first, Segment end)
        {
            lock (_lock)
            {
                for (var segment = first; segment != end;)
                {
                    var next = segment.Next!;
                    // The small first segments are not kept, and past the cap segments are left to the GC: they would
                    // only pin memory that one burst needed.
                    if (segment.Items.Length == SegmentLength && _count < _maxSegments)
                    {
                        segment.Next = _free;
                        _free = segment;
                        _count++;
                    }
                    segment = next;
                }
            }
        }
    }
}
