namespace EventDb;

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

/// <summary>One column of an event table (the <c>id</c> primary key is implied and not listed).</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">How its values are stored.</param>
/// <param name="Nullable">Whether the column accepts NULL; otherwise it is <c>NOT NULL</c>.</param>
/// <param name="ClrType">The C# type of the member it comes from, as written (<c>ulong</c>, <c>System.DateTime</c>), without <c>?</c>.</param>
/// <param name="Default">The value stored when the member is null (<c>[Column(Default = ...)]</c>), or <see langword="null"/>.</param>
public sealed record EventColumn(string Name, ColumnType Type, bool Nullable, string ClrType, object? Default = null);
