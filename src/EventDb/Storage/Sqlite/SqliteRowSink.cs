using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace EventDb;

/// <summary>A sink of the SQLite store, which hands it its table when that table begins and takes it back when it ends.</summary>
internal interface ISqliteSink
{
    /// <summary>The table the sink writes: its type's own, or its base table.</summary>
    EventTableSchema Table { get; }

    /// <summary>Where rows go from now on (the table began), or null (it ended).</summary>
    void Begin(SqliteTable? table);
}

/// <summary>
/// Stages <typeparamref name="T"/>'s rows — its base table's, or its own — in the table the store gave it when that
/// table began. A row that cannot be stored is rewound where it fails; a child row that fails also has its base row,
/// already written in this batch, deleted when the table ends, so no event is ever half written.
/// </summary>
internal sealed unsafe class SqliteRowSink<T>(bool baseRows) : RowSink<T>, ISqliteSink where T : struct, IEventTable<T>
{
    // Pinned for the sink's life (the store's), and bound from there in every base row.
    private readonly byte[]? _discriminator = baseRows ? Pinned(Encoding.UTF8.GetBytes(T.Schema.Discriminator!)) : null;
    private SqliteTable? _current;

    private static byte[] Pinned(byte[] bytes)
    {
        var pinned = GC.AllocateUninitializedArray<byte>(bytes.Length, pinned: true);
        bytes.CopyTo(pinned, 0);
        return pinned;
    }

    public EventTableSchema Table { get; } = baseRows ? T.Schema.Base! : T.Schema;

    public void Begin(SqliteTable? table) => _current = table;

    public override bool TryWrite(long id, in T row, out EventRejectedException? rejection)
    {
        var table = _current ?? throw new InvalidOperationException($"Rows of '{Table.Name}' arrived outside that table.");
        var stage = table.Stage;
        stage.BeginRow();
        var writer = new SqliteRowWriter(stage);
        try
        {
            writer.Int64(id);
            if (_discriminator is { } discriminator)
            {
                writer.PinnedUtf8((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(discriminator)), discriminator.Length);
                T.WriteBase(ref writer, in row);
            }
            else
            {
                T.Write(ref writer, in row);
            }
        }
#pragma warning disable CA1031 // Whatever writing one event throws (a member's getter) costs that event alone...
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            stage.Fail(ex.Message, writer.Count);
        }
        // ...but memory that cannot be had is no fault of the event's: that fails the batch, which is rolled back
        // (the half-staged row with it) and retried.
        if (stage.EndRow(writer.Count))
        {
            table.RowStaged();
            rejection = null;
            return true;
        }
        int column = stage.FailedColumn;
        rejection = Rejected(id, Table, column == 0 ? "id" : Table.Columns[column - 1].Name, stage.Failure!);
        if (!baseRows && Table.Base is not null)
        {
            AllocationFaults.Allocating(AllocationSite.BaseRowDelete);
            table.OrphanedBaseRows.Add(id);
        }
        return false;
    }
}
