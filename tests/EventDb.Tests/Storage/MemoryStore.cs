using EventDb.Metadata;

namespace EventDb.Tests.Storage;

/// <summary>
/// A second storage, as small as one can be: rows kept in memory as lists of values. It shows the seam holds — the
/// writer, the buffers and the generated code run unchanged against it — and lets tests see exactly what the writer
/// hands a store, in what order.
/// </summary>
internal sealed class MemoryStore : IEventStore
{
    private readonly List<(string Table, List<object?> Values)> _pending = [];
    private EventTableSchema? _current;

    /// <summary>Committed rows, in the order the store received them: table, then the values with <c>id</c> first.</summary>
    public List<(string Table, List<object?> Values)> Rows { get; } = [];

    /// <summary>Text this store refuses, to see a rejection travel through the writer.</summary>
    public string Unstorable { get; init; } = "\u0000refuse";

    public int Batches { get; private set; }

    public long MaxId => 0;

    public int OpenRetries => 0;

    public string FilePath => ":memory:";

    public bool IsBusy(EventDbException error) => false;

    public void EnsureTables(IReadOnlyCollection<EventTableSchema> tables)
    {
    }

    public void BeginBatch() => _pending.Clear();

    public void BeginTable(EventTableSchema table) => _current = table;

    public void EndTable() => _current = null;

    public void CommitBatch()
    {
        Rows.AddRange(_pending);
        Batches++;
    }

    public void RollbackBatch() => _pending.Clear();

    public void BeginSeal()
    {
    }

    public void Seal()
    {
    }

    public RowSink<T> SinkFor<T>(bool baseRows) where T : struct, IEventTable<T> => new Sink<T>(this, baseRows);

    public void Dispose()
    {
    }

    private sealed class Sink<T>(MemoryStore store, bool baseRows) : RowSink<T> where T : struct, IEventTable<T>
    {
        public override bool TryWrite(long id, in T row, out EventRejectedException? rejection)
        {
            var table = baseRows ? T.Schema.Base! : T.Schema;
            Assert.Same(table, store._current);
            var writer = new ListWriter(store.Unstorable, [id]);
            if (baseRows)
            {
                writer.Text(T.Schema.Discriminator);
                T.WriteBase(ref writer, in row);
            }
            else
            {
                T.Write(ref writer, in row);
            }
            rejection = writer.Refused ? Rejected(id, table, table.Columns[writer.Values.Count - 1].Name, "refused") : null;
            if (rejection is null)
                store._pending.Add((table.Name, writer.Values));
            return rejection is null;
        }
    }

    private struct ListWriter(string unstorable, List<object?> values) : IRowWriter
    {
        public readonly List<object?> Values = values;
        public bool Refused;

        public void Null() => Add(null);

        public void Int64(long value) => Add(value);

        public void Real(double value) => Add(value);

        public void Text(string? value)
        {
            if (value == unstorable)
                Refused = true;
            Add(value);
        }

        public void Utf8(ReadOnlySpan<byte> value) => Add(System.Text.Encoding.UTF8.GetString(value));

        public void Formatted<TValue>(TValue value, ReadOnlySpan<char> format) where TValue : IUtf8SpanFormattable =>
            Add(value.ToString());

        public void Blob(ReadOnlySpan<byte> value) => Add(value.ToArray());

        public void Blob(byte[]? value) => Add(value);

        private void Add(object? value)
        {
            if (!Refused)
                Values.Add(value);
        }
    }
}
