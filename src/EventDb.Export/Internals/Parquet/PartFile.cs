using System.Buffers.Binary;

namespace EventDb.Export.Internals.Parquet;

/// <summary>
/// One Parquet file being written: <c>PAR1</c>, then row groups of encoded column chunks appended in schema order, then
/// on <see cref="Finish"/> the footer (the schema, and each chunk's place, sizes, encodings and statistics) and its length
/// (https://parquet.apache.org/docs/file-format/). The stream is the caller's to sync and close.
/// </summary>
internal sealed class PartFile
{
    private static readonly string CreatedBy = $"EventDb.Export version {typeof(PartFile).Assembly.GetName().Version?.ToString(3)}";

    private readonly Stream _stream;
    private readonly IReadOnlyList<ExportColumn> _columns;
    private readonly List<RowGroup> _rowGroups = [];
    private List<Chunk> _chunks = [];
    private long _position;

    public PartFile(Stream stream, IReadOnlyList<ExportColumn> columns)
    {
        _stream = stream;
        _columns = columns;
        _stream.Write("PAR1"u8);
        _position = 4;
    }

    /// <summary>Appends <paramref name="chunk"/> as the next column of the row group being written.</summary>
    public void Write(EncodedChunk chunk)
    {
        _chunks.Add(new Chunk(_position, chunk.Facts));
        _stream.Write(chunk.Bytes.Written);
        _position += chunk.Bytes.Length;
    }

    /// <summary>Ends the row group whose chunks were written since the last one ended.</summary>
    public void EndRowGroup(long rows)
    {
        if (_chunks.Count != _columns.Count)
            throw new InvalidOperationException($"A row group has {_chunks.Count} column chunks, not {_columns.Count}.");
        _rowGroups.Add(new RowGroup(_chunks, rows));
        _chunks = [];
    }

    /// <summary>Writes the footer.</summary>
    public void Finish()
    {
        using var footer = new ByteBuffer(4096);
        WriteFooter(new ThriftWriter(footer));
        _stream.Write(footer.Written);
        Span<byte> tail = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, footer.Length);
        "PAR1"u8.CopyTo(tail[4..]);
        _stream.Write(tail);
    }

    private void WriteFooter(ThriftWriter thrift)
    {
        thrift.BeginStruct();
        thrift.I32(1, 1); // version
        thrift.BeginList(2, ThriftWriter.TypeStruct, _columns.Count + 1);
        thrift.BeginStruct();
        thrift.String(4, "schema");
        thrift.I32(5, _columns.Count);
        thrift.EndStruct();
        foreach (var column in _columns)
            WriteSchemaElement(thrift, column);
        thrift.I64(3, _rowGroups.Sum(g => g.Rows));
        thrift.BeginList(4, ThriftWriter.TypeStruct, _rowGroups.Count);
        foreach (var rowGroup in _rowGroups)
            WriteRowGroup(thrift, rowGroup);
        thrift.String(6, CreatedBy);
        // Type-defined order for every column: readers may then trust min_value and max_value (unsigned for UINT64).
        thrift.BeginList(7, ThriftWriter.TypeStruct, _columns.Count);
        foreach (var _ in _columns)
        {
            thrift.BeginStruct();
            thrift.BeginStruct(1);
            thrift.EndStruct();
            thrift.EndStruct();
        }
        thrift.EndStruct();
    }

    private static void WriteSchemaElement(ThriftWriter thrift, ExportColumn column)
    {
        thrift.BeginStruct();
        thrift.I32(1, column.Kind switch
        {
            ParquetKind.Int64 or ParquetKind.UInt64 => FormatCodes.Int64,
            ParquetKind.Double => FormatCodes.Double,
            _ => FormatCodes.ByteArray,
        });
        thrift.I32(3, column.Nullable ? FormatCodes.Optional : FormatCodes.Required);
        thrift.String(4, column.Name);
        switch (column.Kind)
        {
            case ParquetKind.Int64 or ParquetKind.UInt64:
                bool signed = column.Kind == ParquetKind.Int64;
                thrift.I32(6, signed ? FormatCodes.SignedInt64 : FormatCodes.UInt64);
                thrift.BeginStruct(10); // logicalType: INTEGER
                thrift.BeginStruct(10);
                thrift.I8(1, 64);
                thrift.Bool(2, signed);
                thrift.EndStruct();
                thrift.EndStruct();
                break;
            case ParquetKind.String:
                thrift.I32(6, FormatCodes.Utf8);
                thrift.BeginStruct(10); // logicalType: STRING
                thrift.BeginStruct(1);
                thrift.EndStruct();
                thrift.EndStruct();
                break;
        }
        thrift.EndStruct();
    }

    private void WriteRowGroup(ThriftWriter thrift, RowGroup rowGroup)
    {
        thrift.BeginStruct();
        thrift.BeginList(1, ThriftWriter.TypeStruct, rowGroup.Chunks.Count);
        for (int i = 0; i < rowGroup.Chunks.Count; i++)
            WriteColumnChunk(thrift, _columns[i], rowGroup.Chunks[i]);
        thrift.I64(2, rowGroup.Chunks.Sum(c => c.Facts.UncompressedSize));
        thrift.I64(3, rowGroup.Rows);
        thrift.I64(5, rowGroup.Chunks[0].Offset);
        thrift.I64(6, rowGroup.Chunks.Sum(c => c.Facts.CompressedSize));
        thrift.EndStruct();
    }

    private static void WriteColumnChunk(ThriftWriter thrift, ExportColumn column, Chunk chunk)
    {
        var facts = chunk.Facts;
        bool dictionary = facts.DictionaryPageLength > 0;
        thrift.BeginStruct();
        thrift.I64(2, chunk.Offset);
        thrift.BeginStruct(3); // meta_data
        thrift.I32(1, column.Kind switch
        {
            ParquetKind.Int64 or ParquetKind.UInt64 => FormatCodes.Int64,
            ParquetKind.Double => FormatCodes.Double,
            _ => FormatCodes.ByteArray,
        });
        int[] encodings = dictionary ? [FormatCodes.Plain, FormatCodes.Rle, FormatCodes.RleDictionary] : [FormatCodes.Plain, FormatCodes.Rle];
        thrift.BeginList(2, ThriftWriter.TypeI32, encodings.Length);
        foreach (int encoding in encodings)
            thrift.I32Element(encoding);
        thrift.BeginList(3, ThriftWriter.TypeBinary, 1);
        thrift.BinaryElement(System.Text.Encoding.UTF8.GetBytes(column.Name));
        thrift.I32(4, FormatCodes.Zstd);
        thrift.I64(5, facts.Values);
        thrift.I64(6, facts.UncompressedSize);
        thrift.I64(7, facts.CompressedSize);
        thrift.I64(9, chunk.Offset + facts.DictionaryPageLength);
        if (dictionary)
            thrift.I64(11, chunk.Offset);
        thrift.BeginStruct(12); // statistics
        thrift.I64(3, facts.NullCount);
        if (facts.Max is { } max && facts.Min is { } min)
        {
            thrift.Binary(5, max);
            thrift.Binary(6, min);
        }
        thrift.EndStruct();
        thrift.EndStruct();
        thrift.EndStruct();
    }

    private sealed record Chunk(long Offset, ChunkFacts Facts);

    private sealed record RowGroup(List<Chunk> Chunks, long Rows);
}
