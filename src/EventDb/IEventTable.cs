using System.ComponentModel;
using EventDb.Metadata;

namespace EventDb;

/// <summary>
/// What the logger needs from one event type, as static members so calls are specialised per struct: no boxing,
/// no reflection. The EventDb source generator implements it for every <see cref="EventTableAttribute"/> struct;
/// user code does not implement it by hand.
/// </summary>
/// <typeparam name="TSelf">The event struct itself.</typeparam>
public interface IEventTable<TSelf> where TSelf : struct, IEventTable<TSelf>
{
    /// <summary>The table, its columns, and its base table (if any).</summary>
    static abstract EventTableSchema Schema { get; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the column when a <c>NOT NULL</c> member is null.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract void Validate(in TSelf row);

    /// <summary>
    /// Writes the base table's columns that follow <c>id</c> and the discriminator (the storage writes those two), in
    /// <see cref="EventTableSchema.Columns"/> order of the base table. Flat tables write nothing.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static virtual void WriteBase<TWriter>(ref TWriter writer, in TSelf row) where TWriter : struct, IRowWriter, allows ref struct
    {
    }

    /// <summary>Writes this table's columns after <c>id</c>, in <see cref="EventTableSchema.Columns"/> order.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract void Write<TWriter>(ref TWriter writer, in TSelf row) where TWriter : struct, IRowWriter, allows ref struct;

    /// <summary>Builds the struct from a row after its <c>id</c>: the base table's columns first (without the discriminator), then this table's.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract TSelf Read<TReader>(ref TReader reader) where TReader : struct, IRowReader, allows ref struct;
}
