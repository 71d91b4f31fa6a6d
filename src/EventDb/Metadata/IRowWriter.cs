using System.ComponentModel;

namespace EventDb.Metadata;

/// <summary>
/// Receives the columns of one row, in schema order, one call per column. Generated <see cref="IEventTable{TSelf}"/>
/// code calls it through a type parameter constrained to a struct, so every call is direct: no boxing, no interface
/// dispatch. The storage decides how each value is encoded.
/// </summary>
/// <remarks>
/// A value the storage cannot hold (text UTF-8 cannot encode, a value over its size limit) does not throw: the writer
/// records it, ignores the rest of the row, and the storage skips that row alone.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRowWriter
{
    /// <summary>Writes NULL.</summary>
    void Null();

    /// <summary>Writes an integer. Unsigned and wider values arrive already wrapped by the generated code.</summary>
    void Int64(long value);

    /// <summary>Writes a floating-point number.</summary>
    void Real(double value);

    /// <summary>Writes text; <see langword="null"/> writes NULL.</summary>
    void Text(string? value);

    /// <summary>Writes text given as UTF-8.</summary>
    void Utf8(ReadOnlySpan<byte> value);

    /// <summary>
    /// Writes <paramref name="value"/> as text, formatted with <paramref name="format"/> and the invariant culture
    /// straight into UTF-8 (dates, GUIDs, decimals), without an intermediate string.
    /// </summary>
    void Formatted<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable;

    /// <summary>Writes bytes; an empty span is an empty BLOB, not NULL.</summary>
    void Blob(ReadOnlySpan<byte> value);

    /// <summary>Writes bytes; <see langword="null"/> writes NULL.</summary>
    void Blob(byte[]? value);
}
