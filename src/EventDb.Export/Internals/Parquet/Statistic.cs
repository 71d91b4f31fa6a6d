using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace EventDb.Export.Internals.Parquet;

/// <summary>
/// A column chunk's smallest or largest value as Parquet's statistics hold it (<c>min_value</c>, <c>max_value</c>:
/// numbers little-endian, text and bytes as they are), in the order of the column's type: signed for INT64, unsigned for
/// UINT64, numeric for DOUBLE (NaN left out), unsigned bytewise for text and bytes. Null when the chunk has no such value.
/// </summary>
internal readonly record struct Statistic(byte[]? Bytes)
{
    public static (Statistic Min, Statistic Max) MinMax(ReadOnlySpan<long> values) =>
        values.IsEmpty ? default : (Of(Min(values)), Of(Max(values)));

    public static (Statistic Min, Statistic Max) MinMax(ReadOnlySpan<ulong> values) =>
        values.IsEmpty ? default : (Of(unchecked((long)Min(values))), Of(unchecked((long)Max(values))));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (Statistic Min, Statistic Max) MinMax(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        bool any = false;
        foreach (double value in values)
        {
            if (double.IsNaN(value))
                continue;
            any = true;
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
        if (!any)
            return default;
        // The format's rule for zeros: a min of zero is written -0.0 and a max of zero +0.0, whichever the chunk holds.
        if (min == 0)
            min = -0.0;
        if (max == 0)
            max = 0.0;
        return (Of(BitConverter.DoubleToInt64Bits(min)), Of(BitConverter.DoubleToInt64Bits(max)));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (Statistic Min, Statistic Max) MinMax(ReadOnlySpan<ReadOnlyMemory<byte>> values)
    {
        if (values.IsEmpty)
            return default;
        var min = values[0];
        var max = values[0];
        foreach (var value in values[1..])
        {
            if (value.Span.SequenceCompareTo(min.Span) < 0)
                min = value;
            else if (value.Span.SequenceCompareTo(max.Span) > 0)
                max = value;
        }
        return (new Statistic(min.ToArray()), new Statistic(max.ToArray()));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Min<T>(ReadOnlySpan<T> values) where T : IComparable<T>
    {
        var min = values[0];
        foreach (var value in values)
        {
            if (value.CompareTo(min) < 0)
                min = value;
        }
        return min;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Max<T>(ReadOnlySpan<T> values) where T : IComparable<T>
    {
        var max = values[0];
        foreach (var value in values)
        {
            if (value.CompareTo(max) > 0)
                max = value;
        }
        return max;
    }

    private static Statistic Of(long bits)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, bits);
        return new Statistic(bytes);
    }
}
