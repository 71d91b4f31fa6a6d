namespace EventDb.Metadata;

/// <summary>One column of an event table (the <c>id</c> primary key is implied and not listed).</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">How its values are stored.</param>
/// <param name="Nullable">Whether the column accepts NULL; otherwise it is <c>NOT NULL</c>.</param>
/// <param name="ClrType">The C# type of the member it comes from, as written (<c>ulong</c>, <c>System.DateTime</c>), without <c>?</c>.</param>
/// <param name="Default">The value stored when the member is null (<c>[Column(Default = ...)]</c>), or <see langword="null"/>.</param>
public sealed record EventColumn(string Name, ColumnType Type, bool Nullable, string ClrType, object? Default = null);
