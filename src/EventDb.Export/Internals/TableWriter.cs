using System.Globalization;
using System.IO.Compression;
using Parquet;
using Parquet.Schema;

namespace EventDb.Export.Internals;

/// <summary>
/// Writes one table of one run as part files in a directory: row groups of <see cref="ExportOptions.RowGroupSize"/>
/// rows, a new part every <see cref="ExportOptions.RowsPerFile"/> rows. The reader hands over a row group's columns a
/// range at a time, and they are encoded and compressed on another thread, in order, while it reads the next range;
/// two row-group buffers alternate, so the reader fills one while the other is still being written.
/// </summary>
internal sealed class TableWriter : IAsyncDisposable
{
    private readonly TablePlan _plan;
    private readonly string _directory;
    private readonly ExportOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly ParquetSchema _schema;
    private readonly ParquetOptions _parquetOptions;
    private readonly RowGroupBuffer[] _buffers;
    private readonly List<string> _files = [];
    // The writes still to finish with each buffer: it is filled again only once they have.
    private readonly Task[] _written = [Task.CompletedTask, Task.CompletedTask];
    private int _current;
    private Task _pending = Task.CompletedTask;
    private FileStream? _stream;
    private ParquetWriter? _writer;
    private ParquetRowGroupWriter? _rowGroup;
    private long _rowsInPart;

    public TableWriter(TablePlan plan, string directory, ExportOptions options, CancellationToken cancellationToken)
    {
        _plan = plan;
        _directory = directory;
        _options = options;
        _cancellationToken = cancellationToken;
        var fields = plan.Columns.Select(Field).ToList();
        _schema = new ParquetSchema(fields);
        _parquetOptions = new ParquetOptions
        {
            CompressionMethod = CompressionMethod.Zstd,
            // zstd level 3 (Parquet.Net's Optimal): on a 1M-event run, level 1 (Fastest) made the syscall partition twice
            // as large (56 MiB against 28 MiB) for about the same CPU time.
            CompressionLevel = CompressionLevel.Optimal,
            // Text columns are dictionary-encoded when at most half their values are distinct (event type, process and
            // syscall names, file names); the first 4,096 values decide, so a column of distinct values costs no full scan.
            DictionaryEncodingThreshold = 0.5,
            DictionaryEncodingSampleSize = 4_096,
        };
        // By the plan's kind, not DataField.ClrType: Parquet.Net 6 gives ReadOnlyMemory<char> there for a string field.
        for (int i = 0; i < fields.Count; i++)
        {
            if (plan.Columns[i].Kind == ParquetKind.String)
                _parquetOptions.ColumnEncodingHints[fields[i].Path.ToString()] = EncodingHint.Dictionary;
        }
        int capacity = (int)Math.Min(options.RowGroupSize, Math.Max(plan.Rows, 1));
        _buffers = [new RowGroupBuffer(plan.Columns, fields, capacity), new RowGroupBuffer(plan.Columns, fields, capacity)];
        Directory.CreateDirectory(directory);
    }

    /// <summary>The buffer of the row group being read.</summary>
    public RowGroupBuffer Buffer => _buffers[_current];

    /// <summary>The part files written, by name, in order.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>
    /// Waits until <see cref="Buffer"/> is free for a new row group: the writes of the row group it held before have
    /// finished (and emptied it), rethrowing their failure.
    /// </summary>
    public void BeginRowGroup() => _written[_current].GetAwaiter().GetResult();

    /// <summary>
    /// Hands columns <paramref name="columns"/> of <see cref="Buffer"/> to the writing thread, which writes them after
    /// the columns handed before; the last ones complete the row group, and the next goes to the other buffer.
    /// </summary>
    public void Submit(ColumnRange columns)
    {
        if (_pending.IsFaulted || _pending.IsCanceled)
            _pending.GetAwaiter().GetResult(); // a failed write stops the reading at once
        var buffer = Buffer;
        var previous = _pending;
        // Preparing the columns needs no write to have finished: it runs at once, beside the writes still queued.
        var prepared = Task.Run(() => buffer.Prepare(columns), _cancellationToken);
        _pending = Task.Run(async () =>
        {
            await previous.ConfigureAwait(false);
            await prepared.ConfigureAwait(false);
            await WriteAsync(buffer, columns).ConfigureAwait(false);
        }, _cancellationToken);
        if (columns.End == _plan.Columns.Count)
        {
            _written[_current] = _pending;
            _current ^= 1;
        }
    }

    /// <summary>Waits for the writes handed over and closes the last part file, synced to disk.</summary>
    public async Task CompleteAsync()
    {
        await _pending.ConfigureAwait(false);
        await ClosePartAsync().ConfigureAwait(false);
    }

    private async Task WriteAsync(RowGroupBuffer buffer, ColumnRange columns)
    {
        if (columns.Start == 0)
        {
            if (_writer is null || _rowsInPart + buffer.Rows > _options.RowsPerFile)
            {
                await ClosePartAsync().ConfigureAwait(false);
                var name = string.Create(CultureInfo.InvariantCulture, $"part-{_files.Count:D4}.parquet");
                _stream = new FileStream(Path.Combine(_directory, name), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20);
                _writer = await ParquetWriter.CreateAsync(_schema, _stream, _parquetOptions, cancellationToken: _cancellationToken).ConfigureAwait(false);
                _files.Add(name);
                _rowsInPart = 0;
            }
            _rowGroup = _writer.CreateRowGroup();
        }
        await buffer.WriteAsync(_rowGroup!, columns, _cancellationToken).ConfigureAwait(false);
        if (columns.End == _plan.Columns.Count)
        {
            _rowGroup!.CompleteValidate();
            _rowGroup.Dispose();
            _rowGroup = null;
            _rowsInPart += buffer.Rows;
            buffer.Clear();
        }
    }

    private async Task ClosePartAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false); // writes the footer
            _writer = null;
        }
        if (_stream is not null)
        {
            _stream.Flush(flushToDisk: true);
            await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
        }
    }

    private static DataField Field(ExportColumn column) => column.Kind switch
    {
        ParquetKind.Int64 => new DataField<long>(column.Name, column.Nullable),
        ParquetKind.UInt64 => new DataField<ulong>(column.Name, column.Nullable),
        ParquetKind.Double => new DataField<double>(column.Name, column.Nullable),
        ParquetKind.String => new DataField<string>(column.Name, column.Nullable),
        _ => new DataField<byte[]>(column.Name, column.Nullable),
    };

    /// <summary>After a failure: waits for the write in flight and closes the file, without throwing (the caller throws).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _pending.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // already reported through Submit, BeginRowGroup or CompleteAsync, or the export failed elsewhere first
        }
        try
        {
            if (_writer is not null)
                await _writer.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // the part is being thrown away with its temporary directory
        }
        _writer = null;
        if (_stream is not null)
            await _stream.DisposeAsync().ConfigureAwait(false);
        _stream = null;
    }
}
