namespace EventDb;

/// <summary>
/// Gives the columns of one row, in schema order, one call per column; each call moves to the next column. Generated
/// <see cref="IEventTable{TSelf}"/> code calls it through a type parameter constrained to a struct, so every call is
/// direct. The storage decides how each value is decoded.
/// </summary>
public interface IRowReader
{
    /// <summary>When the current column is NULL, moves past it and returns <see langword="true"/>; otherwise stays.</summary>
    bool TryNull();

    /// <summary>Reads an integer (NULL reads as 0).</summary>
    long Int64();

    /// <summary>Reads a floating-point number (NULL reads as 0).</summary>
    double Real();

    /// <summary>Reads text (NULL reads as the empty string).</summary>
    string Text();

    /// <summary>Reads text as UTF-8 without making a string; the span is valid until the next call.</summary>
    ReadOnlySpan<byte> Utf8();

    /// <summary>Reads bytes (NULL reads as an empty array).</summary>
    byte[] Blob();
}
