using System.Text;

namespace EventDb.Cli.Terminal;

/// <summary>
/// Standard error as a writer that never throws: when it cannot be written (<c>2&gt;&amp;-</c>, <c>2&gt;/dev/full</c>, a
/// closed pipe) the message is lost and the exit code alone says what happened. Without this, the failure to report an
/// error was itself an unhandled exception, and the process aborted (134) with a core dump instead of exiting 1.
/// </summary>
internal sealed class LossyErrorWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Try(() => inner.Write(value));

    public override void Write(string? value) => Try(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Try(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Try(() => inner.WriteLine(value));

    public override void Flush() => Try(inner.Flush);

    private static void Try(Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nowhere left to say it. (.NET reports EBADF, a closed standard error, as UnauthorizedAccessException.)
        }
    }
}
