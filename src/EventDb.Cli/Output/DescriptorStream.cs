using EventDb.Cli.Terminal;

namespace EventDb.Cli.Output;

/// <summary>
/// Writes to a file descriptor the process was given (standard output) with <c>write(2)</c>, unbuffered, each failure an
/// <see cref="IOException"/> whose <see cref="Exception.HResult"/> is the <c>errno</c>. .NET's own console stream
/// drops EPIPE silently on Unix, so a tool writing through it never learns that its reader has gone; and a
/// <see cref="FileStream"/> on the descriptor would write a file at its own position instead of the shared one, so
/// <c>(eventdb ...; echo done) &gt; log</c> would lose lines.
/// </summary>
internal sealed class DescriptorStream(int descriptor) : Stream
{
    private const int BadDescriptor = 9; // EBADF: started with `>&-`

    public int Descriptor { get; } = descriptor;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        int errno = Posix.WriteAll(Descriptor, buffer);
        if (errno == BadDescriptor)
            throw new IOException($"descriptor {Descriptor} is not open for writing ({Posix.Describe(errno)})", errno);
        if (errno != 0)
            throw new IOException(Posix.Describe(errno), errno);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
