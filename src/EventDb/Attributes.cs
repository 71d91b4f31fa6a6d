namespace EventDb;

/// <summary>
/// Declares that a <c>partial record struct</c> is stored as one row of an SQLite table. The EventDb
/// source generator implements <see cref="IEventTable{TSelf}"/> for it: the table's schema (structure, no SQL), a
/// validator, and the code that writes the row's columns to a storage's row writer and reads them back.
/// </summary>
/// <remarks>
/// Column names are the snake_case of the member names (<c>Arg0Repr</c> becomes <c>arg0_repr</c>) unless
/// <see cref="ColumnAttribute"/> says otherwise. Every table gets an <c>id INTEGER NOT NULL</c> primary key that
/// the logger assigns in arrival order.
/// </remarks>
[AttributeUsage(AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class EventTableAttribute : Attribute
{
    /// <summary>Declares the struct as the table <paramref name="tableName"/>.</summary>
    /// <param name="tableName">The SQLite table name: letters, digits and underscores, not starting with a digit or <c>sqlite_</c>.</param>
    public EventTableAttribute(string tableName) => TableName = tableName;

    /// <summary>The SQLite table name.</summary>
    public string TableName { get; }

    /// <summary>
    /// A struct marked <see cref="EventBaseAttribute"/>. Each event then writes a base row (with the base members and the
    /// discriminator) plus a row in this table with the same id and a <c>FOREIGN KEY(id)</c> to the base table:
    /// SQLAlchemy's joined-table inheritance. <see langword="null"/> (the default) makes a flat table.
    /// </summary>
    public Type? Base { get; set; }

    /// <summary>The value written to the base table's discriminator column. Defaults to the table name.</summary>
    public string? Discriminator { get; set; }
}

/// <summary>
/// Declares the root of a joined-table family: a table holding the members every child event shares, plus a
/// discriminator column that names each row's child table. Children name it in <see cref="EventTableAttribute.Base"/>;
/// its members are generated into each child struct.
/// </summary>
[AttributeUsage(AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class EventBaseAttribute : Attribute
{
    /// <summary>Declares the struct as the base table <paramref name="tableName"/>.</summary>
    public EventBaseAttribute(string tableName) => TableName = tableName;

    /// <summary>The SQLite table name of the base table.</summary>
    public string TableName { get; }

    /// <summary>The name of the discriminator column (<c>VARCHAR NOT NULL</c>). Defaults to <c>type</c>.</summary>
    public string Discriminator { get; set; } = "type";
}

/// <summary>Overrides how one member of an <see cref="EventTableAttribute"/> or <see cref="EventBaseAttribute"/> struct is stored.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class ColumnAttribute : Attribute
{
    /// <summary>Keeps the default column name (snake_case of the member name).</summary>
    public ColumnAttribute() { }

    /// <summary>Stores the member in the column <paramref name="name"/>.</summary>
    public ColumnAttribute(string name) => Name = name;

    /// <summary>The column name, or <see langword="null"/> for the snake_case default.</summary>
    public string? Name { get; }

    /// <summary>
    /// A constant stored when the member is <see langword="null"/>: a string, number, bool, char or enum value that fits
    /// the member (dates, time spans and GUIDs are given as strings). The column is then <c>NOT NULL</c> even though the
    /// member is nullable (Penguin stores <c>procname</c> as <c>[?]</c> this way).
    /// </summary>
    public object? Default { get; set; }

    /// <summary>
    /// Stores an enum member by its name (<c>VARCHAR</c>, as SQLAlchemy's <c>Enum</c> does) instead of its number
    /// (<c>INTEGER</c>, the default). A value no member has is stored as its number in text. Only for enums without
    /// <see cref="FlagsAttribute"/>, whose combinations have no single name.
    /// </summary>
    public bool AsText { get; set; }
}

/// <summary>Leaves a member of an event struct out of the table.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class NotMappedAttribute : Attribute
{
}
