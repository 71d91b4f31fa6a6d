namespace EventDb.Export.Internals.Parquet;

/// <summary>
/// The distinct values of a text or blob column chunk, in order of first appearance, and each value's index among them:
/// an open-addressing table over the values' own bytes (nothing is copied). Reused from one chunk to the next.
/// </summary>
internal sealed class ByteDictionary
{
    private int[] _slots = new int[1024]; // an entry's index + 1; 0 is free
    private int[] _hashes = new int[512];
    private ReadOnlyMemory<byte>[] _entries = new ReadOnlyMemory<byte>[512];

    public int Count { get; private set; }

    /// <summary>The distinct values, in order of first appearance.</summary>
    public ReadOnlySpan<ReadOnlyMemory<byte>> Entries => _entries.AsSpan(0, Count);

    /// <summary>
    /// Builds the dictionary of <paramref name="values"/>, writing each one's index to <paramref name="indices"/>; gives up
    /// (false) as soon as there would be more than <paramref name="maxEntries"/> distinct values.
    /// </summary>
    public bool TryBuild(ReadOnlySpan<ReadOnlyMemory<byte>> values, Span<int> indices, int maxEntries)
    {
        Array.Clear(_slots);
        Array.Clear(_entries, 0, Count); // the chunks of the last row group may be dropped: keep none alive
        Count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            var value = values[i].Span;
            int hash = Hash(value);
            int mask = _slots.Length - 1;
            int slot = hash & mask;
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
                slot = (slot + 1) & mask;
            }
            indices[i] = index;
        }
        return true;
    }

    private int Add(ReadOnlyMemory<byte> value, int hash, int slot)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, 2 * Count);
            Array.Resize(ref _hashes, 2 * Count);
        }
        _entries[Count] = value;
        _hashes[Count] = hash;
        _slots[slot] = ++Count;
        // At most half full, so probes stay short.
        if (2 * Count > _slots.Length)
            Grow();
        return Count - 1;
    }

    private void Grow()
    {
        _slots = new int[2 * _slots.Length];
        int mask = _slots.Length - 1;
        for (int entry = 0; entry < Count; entry++)
        {
            int slot = _hashes[entry] & mask;
            while (_slots[slot] != 0)
                slot = (slot + 1) & mask;
            _slots[slot] = entry + 1;
        }
    }

    private static int Hash(ReadOnlySpan<byte> value)
    {
        var hash = new HashCode();
        hash.AddBytes(value);
        return hash.ToHashCode();
    }
}
