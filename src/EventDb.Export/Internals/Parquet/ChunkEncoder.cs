using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using ZstdSharp;

namespace EventDb.Export.Internals.Parquet;

/// <summary>
/// Encodes one column of a row group as a Parquet column chunk: a dictionary page when at most half of a text or blob
/// column's values are distinct, then one data page (v1: definition levels, then the values PLAIN or as dictionary
/// indices), each zstd-compressed, with the chunk's statistics. A row group's columns are encoded at once, each on a
/// thread-pool thread, into buffers rented from the shared pool.
/// </summary>
internal static class ChunkEncoder
{
    // zstd's level 1 (its fast strategy): about a fifth less encoding CPU than level 3, which the export needs to keep
    // pace with the scan on 2 cores, for files about a fifth larger (docs/campaign.md).
    private const int ZstdLevel = 1;

    // A min or max longer than this is left out of the statistics (readers then never skip the chunk): the footer stays small.
    private const int MaxStatisticLength = 128;

    // The longest page header this writer makes (a dictionary or data page header, no statistics in it).
    private const int MaxPageHeader = 64;

    // One zstd context per thread that encodes: a context is about a megabyte, and making one per page cost a memset of it.
    [ThreadStatic]
    private static Compressor? t_compressor;

    /// <summary>Encodes the filled column; on any thread.</summary>
    public static EncodedChunk Encode(ColumnBuffer column)
    {
        int rows = column.Rows, values = column.ValueCount;
        var chunk = new ByteBuffer(MaxPageHeader + rows / 2);
        try
        {
            using var page = new ByteBuffer(rows / 8 + 64 + column.Column.Kind switch
            {
                ParquetKind.String or ParquetKind.Binary => 4 * values + column.ValueBytes,
                _ => 8 * values,
            });
            long uncompressed = 0;
            int dictionaryPage = 0;
            Statistic min = default, max = default;
            if (column.Column.Nullable)
                HybridEncoder.WriteLevels(page, column.Definitions);
            switch (column.Column.Kind)
            {
                case ParquetKind.Int64:
                    WritePlain(page, column.Longs);
                    (min, max) = Statistic.MinMax(column.Longs);
                    break;
                case ParquetKind.UInt64:
                    WritePlain(page, column.ULongs);
                    (min, max) = Statistic.MinMax(column.ULongs);
                    break;
                case ParquetKind.Double:
                    WritePlain(page, column.Doubles);
                    (min, max) = Statistic.MinMax(column.Doubles);
                    break;
                default:
                    var binaries = column.Binaries;
                    if (column.Column.Kind == ParquetKind.String)
                        ReplaceInvalidUtf8(binaries);
                    var indices = ArrayPool<int>.Shared.Rent(values);
                    try
                    {
                        using var dictionary = new ByteDictionary();
                        if (values >= 2 && dictionary.TryBuild(binaries, indices, values / 2))
                        {
                            using (var entries = new ByteBuffer(column.ValueBytes / 2))
                            {
                                WritePlain(entries, dictionary.Entries);
                                uncompressed += WritePage(chunk, entries, PageKind.Dictionary, dictionary.Count);
                            }
                            dictionaryPage = chunk.Length;
                            int bitWidth = HybridEncoder.BitWidth(dictionary.Count - 1);
                            page.WriteByte((byte)bitWidth);
                            HybridEncoder.Write<int>(page, indices.AsSpan(0, values), bitWidth);
                            (min, max) = Statistic.MinMax(dictionary.Entries);
                        }
                        else
                        {
                            WritePlain(page, binaries);
                            (min, max) = Statistic.MinMax(binaries);
                        }
                    }
                    finally
                    {
                        ArrayPool<int>.Shared.Return(indices);
                    }
                    break;
            }
            uncompressed += WritePage(chunk, page, dictionaryPage > 0 ? PageKind.DictionaryIndices : PageKind.Plain, rows);
            bool keep = min.Bytes is { Length: <= MaxStatisticLength } && max.Bytes is { Length: <= MaxStatisticLength };
            return new EncodedChunk(chunk, new ChunkFacts(rows, uncompressed, chunk.Length, dictionaryPage, rows - values,
                keep ? min.Bytes : null, keep ? max.Bytes : null));
        }
        catch
        {
            chunk.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Text that is not valid UTF-8 (SQLite stores what it is given) becomes valid with U+FFFD for each bad sequence, as
    /// .NET decodes it: readers refuse a STRING column that is not UTF-8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReplaceInvalidUtf8(Span<ReadOnlyMemory<byte>> values)
    {
        foreach (ref var value in values)
        {
            if (!Utf8.IsValid(value.Span))
                value = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(value.Span));
        }
    }

    private static void WritePlain<T>(ByteBuffer page, ReadOnlySpan<T> values) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Parquet export writes numbers as they are in memory, little-endian.");
        page.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>PLAIN text or bytes: each value's length (4 bytes), then the value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WritePlain(ByteBuffer page, ReadOnlySpan<ReadOnlyMemory<byte>> values)
    {
        long size = 0;
        foreach (var value in values)
            size += 4 + value.Length;
        if (size > Array.MaxLength)
            throw new ExportException($"A column's values take {size:N0} bytes in one row group, more than a Parquet page can hold: export with a smaller row group size.");
        var span = page.GetSpan((int)size);
        int at = 0;
        foreach (var value in values)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], value.Length);
            value.Span.CopyTo(span[(at + 4)..]);
            at += 4 + value.Length;
        }
        page.Advance(at);
    }

    /// <summary>Compresses <paramref name="page"/> and appends it, after its header, to <paramref name="chunk"/>; returns its uncompressed size, header included.</summary>
    private static long WritePage(ByteBuffer chunk, ByteBuffer page, PageKind kind, int values)
    {
        var compressor = t_compressor ??= new Compressor(ZstdLevel);
        var source = page.Written;
        var target = chunk.GetSpan(MaxPageHeader + Compressor.GetCompressBound(source.Length));
        // Compressed first, after room for the header; the header (whose sizes are now known) is written before it.
        int length = compressor.Wrap(source, target[MaxPageHeader..]);
        int start = chunk.Length;
        var thrift = new ThriftWriter(chunk);
        thrift.BeginStruct();
        thrift.I32(1, kind == PageKind.Dictionary ? FormatCodes.DictionaryPage : FormatCodes.DataPage);
        thrift.I32(2, source.Length);
        thrift.I32(3, length);
        if (kind == PageKind.Dictionary)
        {
            thrift.BeginStruct(7);
            thrift.I32(1, values);
            thrift.I32(2, FormatCodes.Plain);
            thrift.EndStruct();
        }
        else
        {
            thrift.BeginStruct(5);
            thrift.I32(1, values);
            thrift.I32(2, kind == PageKind.DictionaryIndices ? FormatCodes.RleDictionary : FormatCodes.Plain);
            thrift.I32(3, FormatCodes.Rle);
            thrift.I32(4, FormatCodes.Rle);
            thrift.EndStruct();
        }
        thrift.EndStruct();
        int header = chunk.Length - start;
        var written = chunk.GetSpan(0);
        target.Slice(MaxPageHeader, length).CopyTo(written); // closes the gap left for the header
        chunk.Advance(length);
        return header + source.Length;
    }

    private enum PageKind { Dictionary, Plain, DictionaryIndices }
}

/// <summary>An encoded column chunk, in a pooled buffer to dispose once written.</summary>
internal sealed record EncodedChunk(ByteBuffer Bytes, ChunkFacts Facts) : IDisposable
{
    public void Dispose() => Bytes.Dispose();
}

/// <summary>What the footer says of one encoded column chunk.</summary>
/// <param name="Values">Its rows, nulls included.</param>
/// <param name="UncompressedSize">Its pages' headers and uncompressed data.</param>
/// <param name="CompressedSize">Its bytes in the file.</param>
/// <param name="DictionaryPageLength">The dictionary page's bytes (header included) at its start, or 0 when it has none.</param>
/// <param name="NullCount">Its nulls.</param>
/// <param name="Min">The smallest value as Parquet's statistics hold it, or null when left out.</param>
/// <param name="Max">The largest value, or null.</param>
internal sealed record ChunkFacts(long Values, long UncompressedSize, long CompressedSize, int DictionaryPageLength, long NullCount, byte[]? Min, byte[]? Max);
