using System.Text;

namespace EventDb.Cli.Tests;

/// <summary>A standard output that the tool writes from one thread while the test reads it from another.</summary>
internal sealed class SharedOutput : Stream
{
    private readonly MemoryStream _bytes = new();
    private readonly Lock _lock = new();

    public string Text
    {
        get
        {
            lock (_lock)
                return Encoding.UTF8.GetString(_bytes.ToArray());
        }
    }

    /// <summary>Waits until the output is <paramref name="expected"/> (or fails after 30 s with what it is).</summary>
    public void WaitFor(string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Text != expected)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Equal(expected, Text);
            Thread.Sleep(20);
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        lock (_lock)
            _bytes.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_lock)
            _bytes.Write(buffer);
    }

    public override void Flush()
    {
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
