namespace EventDb.Export.Internals.Parquet;

/// <summary>The numbers Parquet's Thrift definitions give the enums this writer uses (parquet.thrift).</summary>
internal static class FormatCodes
{
    // Type
    public const int Int64 = 2;
    public const int Double = 5;
    public const int ByteArray = 6;

    // FieldRepetitionType
    public const int Required = 0;
    public const int Optional = 1;

    // ConvertedType
    public const int Utf8 = 0;
    public const int UInt64 = 14;
    public const int SignedInt64 = 18;

    // Encoding
    public const int Plain = 0;
    public const int Rle = 3;
    public const int RleDictionary = 8;

    // CompressionCodec
    public const int Zstd = 6;

    // PageType
    public const int DataPage = 0;
    public const int DictionaryPage = 2;
}
