using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace EventDb.Export.Internals.Parquet;

/// <summary>
/// Parquet's RLE / bit-packing hybrid, for definition levels and dictionary indices: a value repeated at least
/// <see cref="MinRepeat"/> times is one run-length run, the values between are bit-packed eight at a time
/// (https://parquet.apache.org/docs/file-format/data-pages/encodings/).
/// </summary>
internal static class HybridEncoder
{
    // Shorter repeats cost less bit-packed than as a run of their own between two bit-packed runs.
    private const int MinRepeat = 16;

    /// <summary>The bits an index up to <paramref name="max"/> needs (at least one).</summary>
    public static int BitWidth(int max) => Math.Max(1, 32 - int.LeadingZeroCount(max));

    /// <summary>Definition levels (0 or 1) as a data page v1 holds them: a 4-byte length, then the runs.</summary>
    public static void WriteLevels(ByteBuffer output, ReadOnlySpan<byte> levels)
    {
        int at = output.Length;
        output.Advance(4);
        Write(output, levels, 1);
        BinaryPrimitives.WriteInt32LittleEndian(output.Written[at..], output.Length - at - 4);
    }

    /// <summary>Writes the runs of <paramref name="values"/>, each of <paramref name="bitWidth"/> bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write<T>(IBufferWriter<byte> output, ReadOnlySpan<T> values, int bitWidth) where T : unmanaged, IBinaryInteger<T>
    {
        int packedFrom = 0, i = 0;
        while (i < values.Length)
        {
            int end = i + 1;
            while (end < values.Length && values[end] == values[i])
                end++;
            if (end - i >= MinRepeat)
            {
                // A bit-packed run holds a multiple of 8 values (only the last one of a page may be padded): the repeat
                // lends it the values it lacks.
                int lend = (8 - ((i - packedFrom) & 7)) & 7;
                BitPack(output, values[packedFrom..(i + lend)], bitWidth);
                Repeat(output, ToInt(values[i]), end - i - lend, bitWidth);
                packedFrom = end;
            }
            i = end;
        }
        BitPack(output, values[packedFrom..], bitWidth);
    }

    private static void Repeat(IBufferWriter<byte> output, int value, int count, int bitWidth)
    {
        ThriftWriter.VarInt(output, (uint)count << 1);
        int bytes = (bitWidth + 7) / 8;
        var span = output.GetSpan(bytes);
        for (int b = 0; b < bytes; b++)
            span[b] = (byte)(value >> (8 * b));
        output.Advance(bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BitPack<T>(IBufferWriter<byte> output, ReadOnlySpan<T> values, int bitWidth) where T : unmanaged, IBinaryInteger<T>
    {
        if (values.IsEmpty)
            return;
        int groups = (values.Length + 7) / 8;
        ThriftWriter.VarInt(output, ((uint)groups << 1) | 1);
        int bytes = groups * bitWidth;
        var span = output.GetSpan(bytes)[..bytes];
        span.Clear();
        // Values are packed from the least significant bit of the first byte on.
        ulong buffer = 0;
        int bits = 0, at = 0;
        foreach (var value in values)
        {
            buffer |= (ulong)(uint)ToInt(value) << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                span[at++] = (byte)buffer;
                buffer >>= 8;
                bits -= 8;
            }
        }
        if (bits > 0)
            span[at] = (byte)buffer;
        output.Advance(bytes);
    }

    private static int ToInt<T>(T value) where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(value);
}
