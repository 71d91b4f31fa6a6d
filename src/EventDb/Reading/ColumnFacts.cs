namespace EventDb;

/// <summary>One column of a table as the file declares it, as <see cref="EventFile.Columns"/> describes it.</summary>
/// <param name="Name">The column name.</param>
/// <param name="DeclaredType">Its declared type as written (<c>INTEGER</c>, <c>VARCHAR(20)</c>), or <c>""</c> when it has none.</param>
/// <param name="NotNull">It is declared <c>NOT NULL</c>.</param>
/// <param name="PrimaryKey">It is (part of) the table's primary key.</param>
public sealed record ColumnFacts(string Name, string DeclaredType, bool NotNull, bool PrimaryKey);
