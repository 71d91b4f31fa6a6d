using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace EventDb;

/// <summary>
/// Pinned scratch memory for the text and blobs of one statement execution, bound with <c>SQLITE_STATIC</c> so SQLite
/// does not copy them again. The writer resets it after each step. Text too long for it gets native memory of its exact
/// UTF-8 size, freed at the same reset, so a huge value costs its size once and only until its statement has run.
/// </summary>
internal sealed unsafe class Utf8Arena : IDisposable
{
    private readonly byte[] _memory;
    private readonly byte* _base;
    private readonly List<nint> _large = [];
    private int _used;

    // Pinned blocks of arenas that were disposed, for the next ones: a logger stages into a few dozen arenas, and
    // allocating them pinned again for every logger opened cost more than a short run's staging itself.
    private static readonly ConcurrentBag<byte[]> s_freeBlocks = [];
    private const int MaxFreeBlocks = 256;

    private bool _disposed;

    public Utf8Arena(int capacity, long lengthLimit)
    {
        _memory = RentBlock(capacity);
        _base = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_memory));
        LengthLimit = lengthLimit;
    }

    private static byte[] RentBlock(int capacity)
    {
        if (s_freeBlocks.TryTake(out var block))
        {
            if (block.Length == capacity)
                return block;
            s_freeBlocks.Add(block); // another size: keep it for its own kind
        }
        return GC.AllocateUninitializedArray<byte>(capacity, pinned: true);
    }

    public int Capacity => _memory.Length;

    /// <summary>The most bytes SQLite stores in one value (SQLITE_LIMIT_LENGTH of the writer's connection).</summary>
    public long LengthLimit { get; }

    /// <summary>A point to go back to: what was reserved and allocated before it stays.</summary>
    public readonly record struct Mark(int Used, int Large);

    public Mark Save() => new(_used, _large.Count);

    /// <summary>Frees what was reserved and allocated since <paramref name="mark"/>.</summary>
    public void Restore(Mark mark)
    {
        _used = mark.Used;
        for (int i = mark.Large; i < _large.Count; i++)
            NativeMemory.Free((void*)_large[i]);
        _large.RemoveRange(mark.Large, _large.Count - mark.Large);
    }

    public void Reset() => Restore(default);

    /// <summary>Native memory of <paramref name="length"/> bytes for one value, freed at the next <see cref="Reset"/>.</summary>
    public byte* AllocateLarge(int length)
    {
        _large.EnsureCapacity(_large.Count + 1); // first: once the memory is had, recording it must not fail
        AllocationFaults.Allocating(AllocationSite.LargeValue);
        var memory = NativeMemory.Alloc((nuint)length);
        _large.Add((nint)memory);
        return (byte*)memory;
    }

    /// <summary>Frees what was allocated and gives the pinned block back for the next arena; the arena is not used again.</summary>
    public void Dispose()
    {
        Reset();
        if (_disposed)
            return;
        _disposed = true;
        if (s_freeBlocks.Count < MaxFreeBlocks)
            s_freeBlocks.Add(_memory);
    }

    /// <summary>Room for <paramref name="length"/> bytes, or null when they do not fit.</summary>
    public byte* TryReserve(int length)
    {
        if ((uint)length > (uint)(_memory.Length - _used))
            return null;
        byte* start = _base + _used;
        _used += length;
        return start;
    }

    /// <summary>Asks the CPU to bring the reserved bytes into its cache (a hint: no effect on their content).</summary>
    public void Prefetch() => Prefetch(_base, _used);

    /// <summary>Asks the CPU to bring <paramref name="length"/> bytes at <paramref name="start"/> into its cache, a line at a time.</summary>
    public static void Prefetch(byte* start, int length)
    {
        const int CacheLine = 64;
        if (!Sse.IsSupported)
            return;
        for (int offset = 0; offset < length; offset += CacheLine)
            Sse.Prefetch0(start + offset);
    }

    /// <summary>Gives back the unused tail of the last reservation.</summary>
    public void Unreserve(int length) => _used -= length;
}
