using System.Globalization;
using System.IO.Compression;
using Parquet;
using Parquet.Schema;

namespace EventDb.Export.Internals;

/// <summary>
/// Writes one table of one run as part files in a directory: row groups of <see cref="ExportOptions.RowGroupSize"/>
/// rows, a new part every <see cref="ExportOptions.RowsPerFile"/> rows. Two row-group buffers alternate: while the
/// scan fills one, the other is encoded and compressed on another thread, so reading SQLite and writing Parquet overlap.
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
    private int _current;
    private Task _pending = Task.CompletedTask;
    private FileStream? _stream;
    private ParquetWriter? _writer;
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

    /// <summary>The buffer to add the next row to.</summary>
    public RowGroupBuffer Buffer => _buffers[_current];

    /// <summary>The part files written, by name, in order.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>When the buffer is full, hands it to the writing thread and switches to the other one.</summary>
    public void FlushIfFull()
    {
        if (Buffer.IsFull)
            Submit();
    }

    private void Submit()
    {
        // The other buffer is free once the write that holds it has finished (and it rethrows that write's failure).
        _pending.GetAwaiter().GetResult();
        var full = Buffer;
        _current ^= 1;
        _pending = Task.Run(() => WriteAsync(full), _cancellationToken);
    }

    /// <summary>Writes what is left and closes the last part file, synced to disk.</summary>
    public async Task CompleteAsync()
    {
        if (Buffer.Rows > 0)
            Submit();
        await _pending.ConfigureAwait(false);
        await ClosePartAsync().ConfigureAwait(false);
    }

    private async Task WriteAsync(RowGroupBuffer buffer)
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
        await buffer.WriteAsync(_writer, _cancellationToken).ConfigureAwait(false);
        _rowsInPart += buffer.Rows;
        buffer.Clear();
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
            // already reported through FlushIfFull or CompleteAsync, or the export failed elsewhere first
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
