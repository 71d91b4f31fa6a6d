using System.Globalization;
using EventDb.Penguin;

namespace EventDb.Cli.Penguin;

/// <summary>
/// One line of Penguin's <c>db</c> (<see cref="PenguinFormat"/>'s text), with the lengths of the parts a colour terminal
/// shows in colour: the <c>(procname) </c> prefix and, for a failed syscall, its <c> = -2(ENOENT(...))</c> tail.
/// </summary>
internal readonly record struct PenguinLine(string Text, int PrefixLength = 0, int ErrorLength = 0)
{
    public static PenguinLine Of(in Syscall syscall, bool withProcname)
    {
        var text = PenguinFormat.Line(in syscall, withProcname);
        int error = 0;
        if (syscall.Retno is < 0 and var retno)
        {
            var tail = string.Create(CultureInfo.InvariantCulture, $" = {retno}({syscall.RetnoRepr ?? "None"})");
            error = text.EndsWith(tail, StringComparison.Ordinal) ? tail.Length : 0;
        }
        return new PenguinLine(text, Prefix(withProcname, syscall.Procname), error);
    }

    public static PenguinLine Of(in Read read, bool withProcname) =>
        new(PenguinFormat.Line(in read, withProcname), Prefix(withProcname, read.Procname));

    public static PenguinLine Of(in Write write, bool withProcname) =>
        new(PenguinFormat.Line(in write, withProcname), Prefix(withProcname, write.Procname));

    public static PenguinLine Of(in Exec exec, bool withProcname) =>
        new(PenguinFormat.Line(in exec, withProcname), Prefix(withProcname, exec.Procname));

    public static PenguinLine Task(string? procname) => new(PenguinFormat.TaskLine(procname));

    public static PenguinLine Fd(FdKey key, bool withProcname) =>
        new(PenguinFormat.FdLine(key.Procname, key.Fd, key.Fname, withProcname), Prefix(withProcname, key.Procname));

    // "(" + procname + ") ", procname as PenguinFormat prints it.
    private static int Prefix(bool withProcname, string? procname) => withProcname ? (procname ?? "[?]").Length + 3 : 0;
}
