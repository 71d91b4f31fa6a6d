namespace EventDb.Metadata;

/// <summary>How a column's values are stored: the storage class every storage understands.</summary>
public enum ColumnType
{
    /// <summary>64-bit integers: integers, bools and enums; <c>ulong</c> is stored two's-complement wrapped.</summary>
    Integer,

    /// <summary>Double-precision floating point: <c>double</c>, <c>float</c>, <c>Half</c>.</summary>
    Real,

    /// <summary>Text, as UTF-8: <c>string</c>, and values stored as their text (dates, GUIDs, decimals, enum names).</summary>
    Text,

    /// <summary>Bytes: <c>byte[]</c> and <c>ReadOnlyMemory&lt;byte&gt;</c>.</summary>
    Blob,
}
