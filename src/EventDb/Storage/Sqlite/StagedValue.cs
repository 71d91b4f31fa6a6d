using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>How a staged value is bound.</summary>
internal enum StagedKind : byte
{
    Null,
    Integer,
    Real,
    Text,
    Blob,
}

/// <summary>
/// One value of a staged row, waiting to be bound: an integer or a double's bits, or text or bytes in memory that stays
/// put until the statement has run (the arena, or an allocation of its own). 16 bytes: the values are written on the
/// writer thread and read on the insert thread, so every byte of them crosses between cores.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StagedValue
{
    /// <summary>The integer, the double's bits, or the address of the text or bytes.</summary>
    public long Bits;
    public int Length;
    public StagedKind Kind;

    public readonly nint Pointer => (nint)Bits;
}
