using System.Buffers;

namespace EventDb.Export.Internals.Parquet;

/// <summary>
/// A growable byte buffer that is reused from one column chunk to the next (<see cref="Reset"/> keeps its array), and
/// whose bytes can be patched once written (a length known only after what it measures).
/// </summary>
internal sealed class ByteBuffer : IBufferWriter<byte>
{
    private byte[] _bytes = new byte[4096];

    public int Length { get; private set; }

    public Span<byte> Written => _bytes.AsSpan(0, Length);

    public void Reset() => Length = 0;

    public void Advance(int count) => Length += count;

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsSpan(Length);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsMemory(Length);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    private void Reserve(int sizeHint)
    {
        int needed = Length + Math.Max(sizeHint, 1);
        if (needed > _bytes.Length)
            Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * _bytes.Length)));
    }
}
