using System.Buffers;
using System.Text;
using EventDb.Cli.Terminal;

namespace EventDb.Cli.Output;

/// <summary>
/// Standard output or an <c>--output</c> file as UTF-8 bytes (no BOM, <c>\n</c> line ends), buffered here and written
/// on <see cref="Flush"/> or when the buffer fills. Text and raw bytes (a BLOB in CSV) mix freely. On a terminal, what
/// is written is escaped by <see cref="TerminalText"/>'s rule, every command alike; only <see cref="WriteStyle"/>
/// reaches the terminal as it is.
/// </summary>
internal sealed class OutputSink : IDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly int? _descriptor;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _used;

    /// <param name="stream">Where the bytes go.</param>
    /// <param name="ownsStream">Dispose closes <paramref name="stream"/>.</param>
    /// <param name="isTerminal">A terminal is on the other end.</param>
    /// <param name="descriptor">The stream's file descriptor, when it has one: <see cref="ReaderGone"/> asks it.</param>
    public OutputSink(Stream stream, bool ownsStream, bool isTerminal = false, int? descriptor = null)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _descriptor = descriptor;
        IsTerminal = isTerminal;
    }

    /// <summary>Standard output of <paramref name="console"/>.</summary>
    public static OutputSink StandardOutput(CliConsole console) => new(console.Out, ownsStream: false, console.IsTerminal, console.OutDescriptor);

    /// <summary>A terminal is on the other end (aligned tables, colour when allowed, control characters escaped).</summary>
    public bool IsTerminal { get; }

    /// <summary>
    /// The reader is gone though nothing was written to find out (a pipe's reader closed it, a terminal hung up): what a
    /// follow that waits for a writer asks, as <c>tail -f</c> does, so that <c>eventdb ... --follow | grep -m1 x</c> ends.
    /// </summary>
    public bool ReaderGone() => _descriptor is { } descriptor && Posix.ReaderGone(descriptor);

    /// <summary>The file <c>--output</c> names, created or emptied (<c>-</c> and <c>/dev/stdout</c> mean standard output).</summary>
    public static bool IsStandardOutput(string? output) => output is null or "-" or "/dev/stdout";

    /// <summary>Creates (or empties) <paramref name="path"/> for writing; never the file being read, nor its journal.</summary>
    public static OutputSink CreateFile(string path, EventFile reading)
    {
        if (reading.IsFileOrItsJournal(path))
            throw new CliException($"Cannot write '{path}': it is the database being read ('{reading.FilePath}'); name another --output file.");
        try
        {
            // A named pipe is a fine output: opening it waits for its reader, as `cat > fifo` does (SIGTERM still ends it).
            var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
            int descriptor = (int)file.SafeFileHandle.DangerousGetHandle();
            return new OutputSink(file, ownsStream: true, Posix.IsTerminal(descriptor), descriptor); // --output /dev/tty is escaped too
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
        if (IsTerminal && TerminalText.NeedsEscape(text))
            text = TerminalText.Escaped(text);
        WriteText(text);
    }

    /// <summary>One of the tool's own <see cref="Ansi"/> sequences, the only text that reaches a terminal unescaped.</summary>
    public void WriteStyle(string ansi) => WriteText(ansi);

    private void WriteText(ReadOnlySpan<char> text)
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

    /// <summary>One byte of the format itself (a separator, a quote, a line end), never a value's.</summary>
    public void WriteByte(byte value)
    {
        if (_used == _buffer.Length)
            FlushBuffer();
        _buffer[_used++] = value;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (IsTerminal && TerminalText.Escape(bytes) is { } escaped)
            bytes = escaped;
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
