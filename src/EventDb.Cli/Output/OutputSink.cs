using System.Buffers;
using System.Text;

namespace EventDb.Cli.Output;

/// <summary>
/// Standard output or an <c>--output</c> file as UTF-8 bytes (no BOM, <c>\n</c> line ends), buffered here and written
/// on <see cref="Flush"/> or when the buffer fills. Text and raw bytes (a BLOB in CSV) mix freely.
/// </summary>
internal sealed class OutputSink : IDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _used;

    public OutputSink(Stream stream, bool ownsStream, bool isTerminal = false)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        IsTerminal = isTerminal;
    }

    /// <summary>A terminal is on the other end (aligned tables, colour when allowed).</summary>
    public bool IsTerminal { get; }

    /// <summary>The file <c>--output</c> names, created or emptied (<c>-</c> and <c>/dev/stdout</c> mean standard output).</summary>
    public static bool IsStandardOutput(string? output) => output is null or "-" or "/dev/stdout";

    /// <summary>Creates (or empties) <paramref name="path"/> for writing; never the file being read, nor its journal.</summary>
    public static OutputSink CreateFile(string path, EventFile reading)
    {
        if (reading.IsFileOrItsJournal(path))
            throw new CliException($"Cannot write '{path}': it is the database being read ('{reading.FilePath}'); name another --output file.");
        try
        {
            return new OutputSink(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.None), ownsStream: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Our own words for the usual causes, which the runtime words less plainly.
            var why = ex switch
            {
                DirectoryNotFoundException => $"there is no directory '{Path.GetDirectoryName(Path.GetFullPath(path))}'",
                _ when Directory.Exists(path) => "it is a directory",
                UnauthorizedAccessException => "permission denied",
                _ => ex.Message,
            };
            throw new CliException($"Cannot write '{path}': {why.TrimEnd('.')}.");
        }
    }

    public void Write(string text) => Write(text.AsSpan());

    public void Write(ReadOnlySpan<char> text)
    {
        int most = s_utf8.GetMaxByteCount(text.Length);
        if (most > _buffer.Length - _used)
        {
            FlushBuffer();
            if (most > _buffer.Length)
            {
                WriteLarge(text);
                return;
            }
        }
        _used += s_utf8.GetBytes(text, _buffer.AsSpan(_used));
    }

    public void WriteLine(string text)
    {
        Write(text);
        WriteByte((byte)'\n');
    }

    public void WriteByte(byte value)
    {
        if (_used == _buffer.Length)
            FlushBuffer();
        _buffer[_used++] = value;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            FlushBuffer();
            if (bytes.Length > _buffer.Length)
            {
                WriteToStream(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    /// <summary>Writes what is buffered through to the file or pipe.</summary>
    public void Flush()
    {
        FlushBuffer();
        try
        {
            _stream.Flush();
        }
        catch (IOException ex)
        {
            throw OutputClosedException.From(ex);
        }
    }

    private void WriteLarge(ReadOnlySpan<char> text)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(s_utf8.GetByteCount(text));
        try
        {
            int count = s_utf8.GetBytes(text, bytes);
            WriteToStream(bytes.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private void FlushBuffer()
    {
        if (_used == 0)
            return;
        WriteToStream(_buffer.AsSpan(0, _used));
        _used = 0;
    }

    private void WriteToStream(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _stream.Write(bytes);
        }
        catch (IOException ex)
        {
            throw OutputClosedException.From(ex);
        }
    }

    public void Dispose()
    {
        if (_ownsStream)
            _stream.Dispose();
    }
}
