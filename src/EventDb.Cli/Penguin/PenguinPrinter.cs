using EventDb.Cli.Output;

namespace EventDb.Cli.Penguin;

/// <summary>
/// Writes Penguin lines: the text and <c>\n</c>, exactly what Penguin's <c>db</c> writes with <c>--output FILE</c>,
/// whether the output is a file, a pipe or a terminal. On a colour terminal only, the <c>(procname)</c> prefix is cyan
/// and a failed syscall's return red; the characters are the same.
/// </summary>
internal sealed class PenguinPrinter(OutputSink sink, bool color)
{
    public void Print(PenguinLine line)
    {
        if (!color || (line.PrefixLength == 0 && line.ErrorLength == 0))
        {
            sink.WriteLine(line.Text);
            return;
        }
        var text = line.Text.AsSpan();
        if (line.PrefixLength > 0)
        {
            sink.WriteStyle(Ansi.Cyan);
            sink.Write(text[..line.PrefixLength]);
            sink.WriteStyle(Ansi.Reset);
        }
        int end = text.Length - line.ErrorLength;
        sink.Write(text[line.PrefixLength..end]);
        if (line.ErrorLength > 0)
        {
            sink.WriteStyle(Ansi.Red);
            sink.Write(text[end..]);
            sink.WriteStyle(Ansi.Reset);
        }
        sink.WriteByte((byte)'\n');
    }

    public void Flush() => sink.Flush();
}
