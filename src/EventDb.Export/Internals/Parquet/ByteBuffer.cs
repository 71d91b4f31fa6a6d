using System.Buffers;

namespace EventDb.Export.Internals.Parquet;

/// <summary>
/// A growable byte buffer over an array rented from <see cref="ArrayPool{T}.Shared"/> (returned by <see cref="Dispose"/>),
/// whose bytes can be patched once written (a length known only after what it measures). Pooled, so the export of one
/// table after another reuses the same memory instead of faulting in fresh pages.
/// </summary>
internal sealed class ByteBuffer(int capacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));

    public int Length { get; private set; }

    public Span<byte> Written => _bytes.AsSpan(0, Length);

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

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        Length++;
    }

    private void Reserve(int sizeHint)
    {
        long needed = (long)Length + Math.Max(sizeHint, 1);
        if (needed <= _bytes.Length)
            return;
        if (needed > Array.MaxLength)
            throw new ExportException($"A Parquet page would take {needed:N0} bytes, more than an array holds: export with a smaller row group size.");
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * _bytes.Length)));
        Written.CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = larger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
        Length = 0;
    }
}
