using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace EventDb;

/// <summary>
/// Stages <typeparamref name="T"/>'s rows — its base table's, or its own — in the store's current table. A row that
/// cannot be stored is rewound where it fails; a child row that fails also has its base row, already written in this
/// batch, deleted by the store, so no event is ever half written.
/// </summary>
internal sealed unsafe class SqliteRowSink<T>(SqliteStore store, bool baseRows) : RowSink<T> where T : struct, IEventTable<T>
{
    private readonly EventTableSchema _table = baseRows ? T.Schema.Base! : T.Schema;

    // Pinned for the sink's life (the store's), and bound from there in every base row.
    private readonly byte[]? _discriminator = baseRows ? Pinned(Encoding.UTF8.GetBytes(T.Schema.Discriminator!)) : null;

    private static byte[] Pinned(byte[] bytes)
    {
        var pinned = GC.AllocateUninitializedArray<byte>(bytes.Length, pinned: true);
        bytes.CopyTo(pinned, 0);
        return pinned;
    }

    public override bool TryWrite(long id, in T row, out string? rejection)
    {
        var table = store.CurrentTable(_table);
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
#pragma warning disable CA1031 // Whatever writing one event throws (a member's getter, memory) costs that event alone.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stage.Fail(ex.Message, writer.Count);
        }
        if (stage.EndRow(writer.Count))
        {
            table.RowStaged();
            rejection = null;
            return true;
        }
        int column = stage.FailedColumn;
        rejection = $"column '{_table.Name}.{(column == 0 ? "id" : _table.Columns[column - 1].Name)}': {stage.Failure}";
        if (!baseRows && _table.Base is not null)
            store.DeleteBaseRowLater(id);
        return false;
    }
}
