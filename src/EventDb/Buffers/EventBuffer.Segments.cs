using System.Diagnostics;
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
    internal static readonly int SegmentLength = Math.Max(16, 80_000 / Unsafe.SizeOf<Entry>());

    // A thread that adds a handful of events holds a few KiB until the writer recycles them, not a whole segment.
    private const int FirstSegmentLength = 16;

    /// <summary>
    /// Emptied segments of one type, shared by every thread's buffer of it in one logger: the writer returns them after
    /// a commit and a producer takes one when its segment is full (once per few hundred events, so the lock is cheap),
    /// so threads that come and go reuse memory rather than allocate it.
    /// </summary>
    /// <remarks>
    /// Past <c>maxPooledEvents</c> (a full queue) a segment is let go only once it has sat in the pool for a whole
    /// <see cref="TrimPeriod"/>: a queue that grows past the bound again and again (under <see cref="OverflowPolicy.Grow"/>)
    /// then reuses its segments instead of allocating and zeroing 80 KB every few hundred Adds on the producer's
    /// thread, and the memory of a burst that does not come back still goes.
    /// </remarks>
    internal sealed class SegmentPool(int maxPooledEvents, TimeSpan trimPeriod)
    {
        /// <summary>How long a segment past the bound must go unused before it is let go.</summary>
        public static readonly TimeSpan TrimPeriod = TimeSpan.FromSeconds(10);

        private readonly Lock _lock = new();
        private readonly int _maxSegments = Math.Max(2, maxPooledEvents / SegmentLength + 1);
        private readonly long _trimPeriodTicks = (long)(trimPeriod.TotalSeconds * Stopwatch.Frequency);
        private Segment? _free;
        private int _count;
        private int _fewestSinceTrim; // the segments no producer took since the last trim
        private long _nextTrim = Stopwatch.GetTimestamp() + (long)(trimPeriod.TotalSeconds * Stopwatch.Frequency);

        public SegmentPool(int maxPooledEvents) : this(maxPooledEvents, TrimPeriod)
        {
        }

        /// <summary>Segments waiting to be reused (for tests).</summary>
        public int Count
        {
            get
            {
                lock (_lock)
                    return _count;
            }
        }

        public Segment? Rent()
        {
            lock (_lock)
            {
                var segment = _free;
                if (segment is not null)
                {
                    _free = segment.Next;
                    _count--;
                    _fewestSinceTrim = Math.Min(_fewestSinceTrim, _count);
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
                    // The small first segments are not kept: a thread that adds a handful of events needs no more.
                    if (segment.Items.Length == SegmentLength)
                    {
                        segment.Next = _free;
                        _free = segment;
                        _count++;
                    }
                    segment = next;
                }
                TrimIfDue();
            }
        }

        /// <summary>Lets go of the segments past the bound that no producer took for a whole period, if one has passed.</summary>
        public void Trim()
        {
            lock (_lock)
                TrimIfDue();
        }

        /// <summary>
        /// Once a period: lets the GC have the segments past the bound that stayed in the pool the whole period, which
        /// no burst needed. Checked whenever the writer releases a buffer's events, on idle passes too.
        /// </summary>
        private void TrimIfDue()
        {
            long now = Stopwatch.GetTimestamp();
            if (now < _nextTrim)
                return;
            for (int unused = Math.Min(_fewestSinceTrim, _count - _maxSegments); unused > 0; unused--)
            {
                _free = _free!.Next;
                _count--;
            }
            _fewestSinceTrim = _count;
            _nextTrim = now + _trimPeriodTicks;
        }
    }
}
