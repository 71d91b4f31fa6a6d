using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// Pinned scratch memory for the text and blobs of one statement execution, bound with <c>SQLITE_STATIC</c> so SQLite
/// does not copy them again. The writer resets it after each step; a value that does not fit is bound
/// <c>SQLITE_TRANSIENT</c> instead (SQLite copies it), so the arena never grows.
/// </summary>
internal sealed unsafe class Utf8Arena
{
    private readonly byte[] _memory;
    private readonly byte* _base;
    private int _used;

    public Utf8Arena(int capacity)
    {
        _memory = GC.AllocateUninitializedArray<byte>(capacity, pinned: true);
        _base = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_memory));
    }

    public int Capacity => _memory.Length;

    public void Reset() => _used = 0;

    /// <summary>Room for <paramref name="length"/> bytes, or null when they do not fit.</summary>
    public byte* TryReserve(int length)
    {
        if ((uint)length > (uint)(_memory.Length - _used))
            return null;
        byte* start = _base + _used;
        _used += length;
        return start;
    }

    /// <summary>Gives back the unused tail of the last reservation.</summary>
    public void Unreserve(int length) => _used -= length;
}
