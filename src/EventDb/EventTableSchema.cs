using System.Diagnostics.CodeAnalysis;

namespace EventDb;

/// <summary>The storage class of a column, and the type name it is declared with (as SQLAlchemy declares it).</summary>
public enum ColumnType
{
    /// <summary><c>INTEGER</c>: integers, bools and enums; <c>ulong</c> is stored two's-complement wrapped.</summary>
    Integer,

    /// <summary><c>REAL</c>: <c>double</c> and <c>float</c>.</summary>
    Real,

    /// <summary><c>VARCHAR</c>: <c>string</c>, stored as UTF-8.</summary>
    Text,

    /// <summary><c>BLOB</c>: <c>byte[]</c> and <c>ReadOnlyMemory&lt;byte&gt;</c>.</summary>
    Blob,
}

/// <summary>One column of an event table (the <c>id</c> primary key is implied and not listed).</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The declared type.</param>
/// <param name="Nullable">Whether the column accepts NULL; otherwise it is declared <c>NOT NULL</c>.</param>
public sealed record EventColumn(string Name, ColumnType Type, bool Nullable)
{
    /// <summary>The declared type as written in the DDL: <c>INTEGER</c>, <c>REAL</c>, <c>VARCHAR</c> or <c>BLOB</c>.</summary>
    public string DeclaredType => Type switch
    {
        ColumnType.Integer => "INTEGER",
        ColumnType.Real => "REAL",
        ColumnType.Text => "VARCHAR",
        ColumnType.Blob => "BLOB",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, "Unknown column type."),
    };
}

/// <summary>
/// Everything the logger knows about one table: its columns, its base table, and the SQL it prepares. Generated
/// once per <see cref="EventTableAttribute"/> or <see cref="EventBaseAttribute"/> struct.
/// </summary>
public sealed class EventTableSchema
{
    /// <summary>Creates the schema of a table. Called by generated code.</summary>
    /// <param name="name">The table name.</param>
    /// <param name="columns">The columns after <c>id</c>, in declaration order (a base table lists its discriminator first).</param>
    /// <param name="createTableSql">The <c>CREATE TABLE IF NOT EXISTS</c> statement.</param>
    /// <param name="insertSql">The single-row INSERT: <c>id</c> first, then <paramref name="columns"/>.</param>
    /// <param name="selectSql">The SELECT that <see cref="IEventTable{TSelf}.Read"/> consumes, ordered by id; <c>null</c> for a base table.</param>
    /// <param name="baseTable">The base table of a joined-table child, or <c>null</c>.</param>
    /// <param name="discriminatorColumn">For a base table: the name of its discriminator column.</param>
    /// <param name="discriminator">For a child table: the value it writes into the base table's discriminator column.</param>
    public EventTableSchema(
        string name,
        IReadOnlyList<EventColumn> columns,
        string createTableSql,
        string insertSql,
        string? selectSql = null,
        EventTableSchema? baseTable = null,
        string? discriminatorColumn = null,
        string? discriminator = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentException.ThrowIfNullOrEmpty(createTableSql);
        ArgumentException.ThrowIfNullOrEmpty(insertSql);
        if (baseTable is not null && discriminator is null)
            throw new ArgumentException("A child table needs its discriminator value.", nameof(discriminator));
        Name = name;
        Columns = columns;
        CreateTableSql = createTableSql;
        InsertSql = insertSql;
        SelectSql = selectSql;
        Base = baseTable;
        DiscriminatorColumn = discriminatorColumn;
        Discriminator = discriminator;
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The columns after <c>id</c>, in table order.</summary>
    public IReadOnlyList<EventColumn> Columns { get; }

    /// <summary>The <c>CREATE TABLE IF NOT EXISTS</c> statement.</summary>
    public string CreateTableSql { get; }

    /// <summary>The single-row INSERT, <c>id</c> first.</summary>
    public string InsertSql { get; }

    /// <summary>The typed read-back query, <c>id</c> first and ordered by it; <c>null</c> for a base table.</summary>
    public string? SelectSql { get; }

    /// <summary>The base table of a joined-table child, or <c>null</c> for a flat or base table.</summary>
    public EventTableSchema? Base { get; }

    /// <summary>For a base table: the discriminator column.</summary>
    public string? DiscriminatorColumn { get; }

    /// <summary>For a child table: the value written into the base table's discriminator column.</summary>
    public string? Discriminator { get; }

    /// <summary>Throws the exception that <see cref="IEventTable{TSelf}.Validate"/> raises for a null in a NOT NULL column.</summary>
    /// <param name="column">The column that received the null.</param>
    /// <param name="member">The struct member it comes from.</param>
    [DoesNotReturn]
    public void ThrowNotNull(string column, string member) =>
        throw new ArgumentException(
            $"Column '{Name}.{column}' is NOT NULL but member '{member}' is null; the event was not added.");

    /// <inheritdoc/>
    public override string ToString() => Name;
}
