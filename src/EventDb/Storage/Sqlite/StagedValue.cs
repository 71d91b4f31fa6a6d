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
/// put until the statement has run (the arena, or an allocation of its own).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StagedValue
{
    public long Bits;
    public nint Pointer;
    public int Length;
    public StagedKind Kind;
}
