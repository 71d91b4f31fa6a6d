namespace EventDb;

/// <summary>What a value read through <see cref="SqlCursor"/> is: SQLite's storage classes.</summary>
public enum SqlValueType
{
    /// <summary>NULL.</summary>
    Null,

    /// <summary>A 64-bit signed integer: <see cref="SqlCursor.GetInt64"/>.</summary>
    Integer,

    /// <summary>A 64-bit floating-point number: <see cref="SqlCursor.GetDouble"/>.</summary>
    Real,

    /// <summary>Text: <see cref="SqlCursor.GetUtf8"/>.</summary>
    Text,

    /// <summary>Bytes: <see cref="SqlCursor.GetBytes"/>.</summary>
    Blob,
}
