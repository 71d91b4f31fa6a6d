using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace EventDb.Export.Internals.Parquet;

/// <summary>
/// The distinct values of a text or blob column chunk, in order of first appearance, and each value's index among them:
/// an open-addressing table over the values' own bytes (nothing is copied), in arrays rented from the shared pool.
/// </summary>
internal sealed class ByteDictionary : IDisposable
{
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private int[] _slots = Rent<int>(1024); // an entry's index + 1; 0 is free
    private int _mask = 1023;
    private int[] _hashes = Rent<int>(512);
    private ReadOnlyMemory<byte>[] _entries = Rent<ReadOnlyMemory<byte>>(512);

    public int Count { get; private set; }

    /// <summary>The distinct values, in order of first appearance.</summary>
    public ReadOnlySpan<ReadOnlyMemory<byte>> Entries => _entries.AsSpan(0, Count);

    /// <summary>
    /// Builds the dictionary of <paramref name="values"/>, writing each one's index to <paramref name="indices"/>; gives up
    /// (false) as soon as there would be more than <paramref name="maxEntries"/> distinct values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryBuild(ReadOnlySpan<ReadOnlyMemory<byte>> values, Span<int> indices, int maxEntries)
    {
        for (int i = 0; i < values.Length; i++)
        {
            var value = values[i].Span;
            int hash = Hash(value);
            int slot = hash & _mask;
            int index;
            while (true)
            {
                int entry = _slots[slot] - 1;
                if (entry < 0)
                {
                    if (Count == maxEntries)
                        return false;
                    index = Add(values[i], hash, slot);
                    break;
                }
                if (_hashes[entry] == hash && _entries[entry].Span.SequenceEqual(value))
                {
                    index = entry;
                    break;
                }
                slot = (slot + 1) & _mask;
            }
            indices[i] = index;
        }
        return true;
    }

    private int Add(ReadOnlyMemory<byte> value, int hash, int slot)
    {
        if (Count == _entries.Length)
        {
            _entries = Grow(_entries, 2 * Count, clear: true);
            _hashes = Grow(_hashes, 2 * Count, clear: false);
        }
        _entries[Count] = value;
        _hashes[Count] = hash;
        _slots[slot] = ++Count;
        // At most half full, so probes stay short.
        if (2 * Count > _mask)
            Rehash();
        return Count - 1;
    }

    private void Rehash()
    {
        Return(_slots, clear: false);
        _slots = Rent<int>(2 * (_mask + 1));
        _mask = 2 * (_mask + 1) - 1;
        for (int entry = 0; entry < Count; entry++)
        {
            int slot = _hashes[entry] & _mask;
            while (_slots[slot] != 0)
                slot = (slot + 1) & _mask;
            _slots[slot] = entry + 1;
        }
    }

    /// <summary>
    /// Eight bytes at a time, multiplied and folded (most values are short: names, numbers, paths); seeded per process, so
    /// text crafted to collide in one export does not collide in another.
    /// </summary>
    private static int Hash(ReadOnlySpan<byte> value)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        ulong hash = Seed ^ (ulong)value.Length;
        while (value.Length >= 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(value)) * Multiplier;
            hash ^= hash >> 29;
            value = value[8..];
        }
        ulong tail = 0;
        for (int i = 0; i < value.Length; i++)
            tail |= (ulong)value[i] << (8 * i);
        hash = (hash ^ tail) * Multiplier;
        hash ^= hash >> 32;
        return (int)hash;
    }

    /// <summary>A pooled array of exactly <paramref name="length"/> usable elements, zeroed (a rented array may be longer and dirty).</summary>
    private static T[] Rent<T>(int length)
    {
        var array = ArrayPool<T>.Shared.Rent(length);
        Array.Clear(array);
        return array;
    }

    private static T[] Grow<T>(T[] array, int length, bool clear)
    {
        var larger = Rent<T>(length);
        array.AsSpan().CopyTo(larger);
        Return(array, clear);
        return larger;
    }

    private static void Return<T>(T[] array, bool clear) => ArrayPool<T>.Shared.Return(array, clear);

    public void Dispose()
    {
        Return(_slots, clear: false);
        Return(_hashes, clear: false);
        Return(_entries, clear: true); // they point into the column's arena
        _slots = _hashes = [];
        _entries = [];
    }
}
