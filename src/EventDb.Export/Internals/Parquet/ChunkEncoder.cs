using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using ZstdSharp;

namespace EventDb.Export.Internals.Parquet;

/// <summary>
/// Encodes one column of a row group as a Parquet column chunk: a dictionary page when at most half of a text or blob
/// column's values are distinct, then one data page (v1: definition levels, then the values PLAIN or as dictionary
/// indices), each zstd-compressed (level 3), with the chunk's statistics. One encoder per column buffer: a row group's
/// columns are encoded at once on as many threads as there are cores, each into its own <see cref="Chunk"/>.
/// </summary>
internal sealed class ChunkEncoder
{
    /// <summary>zstd's level 3: level 1 made the syscall table half as large again for about a fifth less compression time.</summary>
    private const int ZstdLevel = 3;

    // A min or max longer than this is left out of the statistics (readers then never skip the chunk): the footer stays small.
    private const int MaxStatisticLength = 128;

    // One zstd context per thread that encodes: a context is about a megabyte, and making one per page cost a memset of it.
    [ThreadStatic]
    private static Compressor? t_compressor;

    private readonly ByteBuffer _page = new();
    private readonly ByteBuffer _compressed = new();
    private readonly ByteDictionary _dictionary = new();
    private int[] _indices = [];

    /// <summary>The encoded chunk: its pages, each after its header, as they go into the file.</summary>
    public ByteBuffer Chunk { get; } = new();

    /// <summary>What the footer says of the chunk last encoded.</summary>
    public ChunkFacts Facts { get; private set; } = new(0, 0, 0, 0, 0, null, null);

    public void Encode(ColumnBuffer column)
    {
        Chunk.Reset();
        _page.Reset();
        long uncompressed = 0;
        int dictionaryPage = 0;
        Statistic min = default, max = default;
        if (column.Column.Nullable)
            HybridEncoder.WriteLevels(_page, column.Definitions);
        switch (column.Column.Kind)
        {
            case ParquetKind.Int64:
                WritePlain(column.Longs);
                (min, max) = Statistic.MinMax(column.Longs);
                break;
            case ParquetKind.UInt64:
                WritePlain(column.ULongs);
                (min, max) = Statistic.MinMax(column.ULongs);
                break;
            case ParquetKind.Double:
                WritePlain(column.Doubles);
                (min, max) = Statistic.MinMax(column.Doubles);
                break;
            default:
                var values = column.Binaries;
                if (column.Column.Kind == ParquetKind.String)
                    ReplaceInvalidUtf8(values);
                if (_indices.Length < values.Length)
                    _indices = new int[column.Capacity];
                var indices = _indices.AsSpan(0, values.Length);
                if (values.Length >= 2 && _dictionary.TryBuild(values, indices, values.Length / 2))
                {
                    // The dictionary page goes first; the data page's levels are kept aside in _page meanwhile.
                    var levels = _page.Written.ToArray();
                    _page.Reset();
                    WritePlain(_dictionary.Entries);
                    uncompressed += WritePage(PageKind.Dictionary, _dictionary.Count);
                    dictionaryPage = Chunk.Length;
                    _page.Reset();
                    _page.Write(levels);
                    int bitWidth = HybridEncoder.BitWidth(_dictionary.Count - 1);
                    _page.GetSpan(1)[0] = (byte)bitWidth;
                    _page.Advance(1);
                    HybridEncoder.Write<int>(_page, indices, bitWidth);
                    (min, max) = Statistic.MinMax(_dictionary.Entries);
                }
                else
                {
                    WritePlain(values);
                    (min, max) = Statistic.MinMax(values);
                }
                break;
        }
        uncompressed += WritePage(dictionaryPage > 0 ? PageKind.DictionaryIndices : PageKind.Plain, column.Rows);
        bool keep = min.Bytes is { Length: <= MaxStatisticLength } && max.Bytes is { Length: <= MaxStatisticLength };
        Facts = new ChunkFacts(column.Rows, uncompressed, Chunk.Length, dictionaryPage, column.Rows - column.ValueCount,
            keep ? min.Bytes : null, keep ? max.Bytes : null);
    }

    /// <summary>
    /// Text that is not valid UTF-8 (SQLite stores what it is given) becomes valid with U+FFFD for each bad sequence, as
    /// .NET decodes it: readers refuse a STRING column that is not UTF-8.
    /// </summary>
    private static void ReplaceInvalidUtf8(Span<ReadOnlyMemory<byte>> values)
    {
        foreach (ref var value in values)
        {
            if (!Utf8.IsValid(value.Span))
                value = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(value.Span));
        }
    }

    private void WritePlain<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Parquet export writes numbers as they are in memory, little-endian.");
        _page.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>PLAIN text or bytes: each value's length (4 bytes), then the value.</summary>
    private void WritePlain(ReadOnlySpan<ReadOnlyMemory<byte>> values)
    {
        long size = 0;
        foreach (var value in values)
            size += 4 + value.Length;
        if (size > Array.MaxLength - _page.Length)
            throw new ExportException($"A column's values take {size:N0} bytes in one row group, more than a Parquet page can hold: export with a smaller row group size.");
        var span = _page.GetSpan((int)size);
        int at = 0;
        foreach (var value in values)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], value.Length);
            value.Span.CopyTo(span[(at + 4)..]);
            at += 4 + value.Length;
        }
        _page.Advance(at);
    }

    /// <summary>Compresses the page in <c>_page</c> and appends it, after its header, to the chunk; returns its uncompressed size, header included.</summary>
    private long WritePage(PageKind kind, int values)
    {
        var compressor = t_compressor ??= new Compressor(ZstdLevel);
        var source = _page.Written;
        _compressed.Reset();
        int length = compressor.Wrap(source, _compressed.GetSpan(Compressor.GetCompressBound(source.Length)));
        _compressed.Advance(length);
        int headerStart = Chunk.Length;
        var thrift = new ThriftWriter(Chunk);
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
        int header = Chunk.Length - headerStart;
        Chunk.Write(_compressed.Written);
        return header + source.Length;
    }

    private enum PageKind { Dictionary, Plain, DictionaryIndices }
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
