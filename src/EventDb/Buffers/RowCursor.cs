using System.Runtime.InteropServices;

namespace EventDb;

/// <summary>
/// The writer's place in one buffer's taken events during a pass. The writer keeps it, not the buffer: moved on every
/// row, it would otherwise share a cache line with fields the producer writes.
/// </summary>
internal struct RowCursor
{
    public object? Segment;
    public int Index;
    public int Remaining;
}

/// <summary>
/// An Add counter that is odd between an Add taking its id and publishing its event; padded onto its own cache line
/// (a generic type cannot have explicit layout, so it lives outside <see cref="EventBuffer{T}"/>).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct AddCounter
{
    [FieldOffset(64)]
    public int Value;
}
