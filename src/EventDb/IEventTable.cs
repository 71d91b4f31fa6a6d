using System.ComponentModel;

namespace EventDb;

/// <summary>
/// What the logger needs from one event type, as static members so calls are specialised per struct: no boxing,
/// no reflection. The EventDb source generator implements it for every <see cref="EventTableAttribute"/> struct;
/// user code does not implement it by hand.
/// </summary>
/// <typeparam name="TSelf">The event struct itself.</typeparam>
public interface IEventTable<TSelf> where TSelf : struct, IEventTable<TSelf>
{
    /// <summary>The table, its columns, its base table (if any) and the SQL text the logger prepares.</summary>
    static abstract EventTableSchema Schema { get; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the column when a <c>NOT NULL</c> member is null.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract void Validate(in TSelf row);

    /// <summary>
    /// Binds the base-table columns that follow <c>id</c> and the discriminator in the base table's
    /// <see cref="EventTableSchema.InsertSql"/> (the logger binds those two). Flat tables bind nothing.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static virtual void BindBase(ref StatementBinder binder, in TSelf row)
    {
    }

    /// <summary>Binds this table's columns after <c>id</c>, in <see cref="EventTableSchema.InsertSql"/> order.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract void Bind(ref StatementBinder binder, in TSelf row);

    /// <summary>Builds the struct from a row of <see cref="EventTableSchema.SelectSql"/>, starting after <c>id</c>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract TSelf Read(ref RowReader reader);
}
