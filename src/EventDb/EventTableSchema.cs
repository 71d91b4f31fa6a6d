using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using EventDb.Metadata;

namespace EventDb;

/// <summary>
/// One table, as structure: its columns, its base table and discriminator. Generated once per
/// <see cref="EventTableAttribute"/> or <see cref="EventBaseAttribute"/> struct; each storage derives its own DDL and
/// statements from it.
/// </summary>
public sealed class EventTableSchema
{
    /// <summary>Creates the schema of a table. Called by generated code; user code reads <c>T.Schema</c> instead.</summary>
    /// <param name="name">The table name.</param>
    /// <param name="columns">The columns after <c>id</c>, in declaration order (a base table lists its discriminator first).</param>
    /// <param name="baseTable">The base table of a joined-table child, or <c>null</c>.</param>
    /// <param name="discriminatorColumn">For a base table: the name of its discriminator column.</param>
    /// <param name="discriminator">For a child table: the value it writes into the base table's discriminator column.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public EventTableSchema(
        string name,
        IReadOnlyList<EventColumn> columns,
        EventTableSchema? baseTable = null,
        string? discriminatorColumn = null,
        string? discriminator = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(columns);
        if (baseTable is not null && discriminator is null)
            throw new ArgumentException("A child table needs its discriminator value.", nameof(discriminator));
        if (baseTable is not null && baseTable.DiscriminatorColumn is null)
            throw new ArgumentException("A base table needs a discriminator column.", nameof(baseTable));
        Name = name;
        Columns = columns;
        Base = baseTable;
        DiscriminatorColumn = discriminatorColumn;
        Discriminator = discriminator;
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The columns after <c>id</c>, in table order (a base table's discriminator first).</summary>
    public IReadOnlyList<EventColumn> Columns { get; }

    /// <summary>The base table of a joined-table child, or <c>null</c> for a flat or base table.</summary>
    public EventTableSchema? Base { get; }

    /// <summary>For a base table: the discriminator column.</summary>
    public string? DiscriminatorColumn { get; }

    /// <summary>For a child table: the value written into the base table's discriminator column.</summary>
    public string? Discriminator { get; }

    /// <summary>Whether this is the root of a joined-table family (it has a discriminator column).</summary>
    public bool IsBase => DiscriminatorColumn is not null;

    /// <summary>
    /// The columns a read of this table's events yields after <c>id</c>, in <see cref="IEventTable{TSelf}.Read"/> order:
    /// the base table's columns without its discriminator, then this table's.
    /// </summary>
    public IEnumerable<(EventTableSchema Table, EventColumn Column)> ReadColumns =>
        (Base is { } b ? b.Columns.Skip(1).Select(c => (b, c)) : []).Concat(Columns.Select(c => (this, c)));

    /// <summary>Throws the exception that <see cref="IEventTable{TSelf}.Validate"/> raises for a null in a NOT NULL column.</summary>
    /// <param name="column">The column that received the null.</param>
    /// <param name="member">The struct member it comes from.</param>
    [DoesNotReturn]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ThrowNotNull(string column, string member) =>
        throw new ArgumentException(
            $"Column '{Name}.{column}' is NOT NULL but member '{member}' is null; the event was not added.");

    /// <inheritdoc/>
    public override string ToString() => Name;
}
