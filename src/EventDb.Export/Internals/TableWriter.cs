using System.Globalization;
using EventDb.Export.Internals.Parquet;

namespace EventDb.Export.Internals;

/// <summary>
/// Writes one table of one run as part files in a directory: row groups of <see cref="ExportOptions.RowGroupSize"/>
/// rows, a new part every <see cref="ExportOptions.RowsPerFile"/> rows. The reader hands over a row group once read; each
/// column is encoded and compressed on a thread-pool thread of its own, all at once, while the reader reads the next
/// row group (or table), and the chunks are written to the file in order. Two row-group buffers alternate, so
/// the reader fills one while the other is still being encoded (a table of one row group has only one).
/// </summary>
/// <remarks>
/// Memory: the row-group buffers (each column's values, and the text and bytes in 1 MiB chunks), and while a row group
/// is encoded each column's pages, compressed and not; all rented from the shared pools and given back by
/// <see cref="DisposeAsync"/>, so one table after another reuses the same memory.
/// </remarks>
internal sealed class TableWriter : IAsyncDisposable
{
    private readonly TablePlan _plan;
    private readonly string _directory;
    private readonly ExportOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly RowGroupBuffer?[] _buffers = new RowGroupBuffer?[2];
    private readonly List<string> _files = [];
    // The writes still to finish with each buffer: it is filled again only once they have.
    private readonly Task[] _written = [Task.CompletedTask, Task.CompletedTask];
    // Every encoding started: each reads its buffer's arrays, which go back to the pool only once all have ended.
    private readonly List<Task> _encodings = [];
    private readonly int _capacity;
    private int _current;
    private Task _pending = Task.CompletedTask;
    private FileStream? _stream;
    private PartFile? _writer;
    private long _rowsInPart;

    public TableWriter(TablePlan plan, string directory, ExportOptions options, CancellationToken cancellationToken)
    {
        _plan = plan;
        _directory = directory;
        _options = options;
        _cancellationToken = cancellationToken;
        _capacity = (int)Math.Min(options.RowGroupSize, Math.Max(plan.Rows, 1));
        Directory.CreateDirectory(directory);
    }

    /// <summary>The buffer of the row group being read.</summary>
    public RowGroupBuffer Buffer => _buffers[_current] ??= new RowGroupBuffer(_plan.Columns, _capacity);

    /// <summary>The part files written, by name, in order.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>
    /// Waits until <see cref="Buffer"/> is free for a new row group: the writes of the row group it held before have
    /// finished (and emptied it), rethrowing their failure.
    /// </summary>
    public void BeginRowGroup()
    {
        _written[_current].GetAwaiter().GetResult();
        _encodings.RemoveAll(e => e.IsCompleted);
    }

    /// <summary>
    /// Hands the row group in <see cref="Buffer"/> over: each column is encoded on its own, and written after the row
    /// groups handed before; the next row group goes to the other buffer.
    /// </summary>
    public void Submit()
    {
        if (_pending.IsFaulted || _pending.IsCanceled)
            _pending.GetAwaiter().GetResult(); // a failed write stops the reading at once
        var buffer = Buffer;
        var previous = _pending;
        // Encoding needs no write to have finished: every column starts at once, beside the writes still queued.
        var encoded = new Task[_plan.Columns.Count];
        for (int i = 0; i < encoded.Length; i++)
            encoded[i] = Task.Run(buffer.Column(i).Encode, _cancellationToken);
        _encodings.AddRange(encoded);
        _pending = Task.Run(async () =>
        {
            await previous.ConfigureAwait(false);
            for (int i = 0; i < encoded.Length; i++)
            {
                await encoded[i].ConfigureAwait(false);
                Write(buffer, i);
            }
        }, _cancellationToken);
        _written[_current] = _pending;
        _current ^= 1;
    }

    /// <summary>Waits for the writes handed over and closes the last part file, synced to disk.</summary>
    public async Task CompleteAsync()
    {
        await _pending.ConfigureAwait(false);
        ClosePart();
    }

    /// <summary>Writes column <paramref name="column"/> of <paramref name="buffer"/>, encoded, to the part file; after the last, ends the row group.</summary>
    private void Write(RowGroupBuffer buffer, int column)
    {
        if (column == 0 && (_writer is null || _rowsInPart + buffer.Rows > _options.RowsPerFile))
        {
            ClosePart();
            var name = string.Create(CultureInfo.InvariantCulture, $"part-{_files.Count:D4}.parquet");
            _stream = new FileStream(Path.Combine(_directory, name), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20);
            _writer = new PartFile(_stream, _plan.Columns);
            _files.Add(name);
            _rowsInPart = 0;
        }
        using (var chunk = buffer.Column(column).TakeEncoded())
            _writer!.Write(chunk);
        if (column == _plan.Columns.Count - 1)
        {
            _writer!.EndRowGroup(buffer.Rows);
            _rowsInPart += buffer.Rows;
            buffer.Clear();
        }
    }

    private void ClosePart()
    {
        if (_writer is not null)
        {
            _writer.Finish(); // writes the footer
            _writer = null;
        }
        if (_stream is not null)
        {
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            _stream = null;
        }
    }

    /// <summary>
    /// Waits for the writes and encodings in flight, closes the file (after a failure: without its footer) and gives the
    /// buffers back, without throwing (a failure was reported through <see cref="Submit"/>, <see cref="BeginRowGroup"/>
    /// or <see cref="CompleteAsync"/>, or the export failed elsewhere first).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(_encodings.Append(_pending)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // reported already (see above)
        }
        foreach (var buffer in _buffers)
            buffer?.Dispose();
        Array.Clear(_buffers);
        _writer = null; // the part is thrown away with its temporary directory: no footer
        if (_stream is not null)
            await _stream.DisposeAsync().ConfigureAwait(false);
        _stream = null;
    }
}
