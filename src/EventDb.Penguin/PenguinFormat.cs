using System.Text;
using EventDb.Penguin.Internals;

namespace EventDb.Penguin;

/// <summary>
/// The text Penguin prints for its events, character for character: <c>str(event)</c> of its pengutils models, and
/// the line each subcommand of its <c>db</c> command prints for one row (rehosting/penguin at e987893d,
/// <c>pengutils/events/types.py</c>, <c>utils/cli_db.py</c>, <c>utils/util_base.py</c>).
/// </summary>
/// <remarks>
/// <para>
/// A line carries no line terminator: <c>db</c> writes it followed by <c>\n</c> when <c>--output</c> names a file.
/// Text from the row is copied as it is, so a repr holding a newline gives a line holding a newline, as in Penguin.
/// On its default <c>/dev/stdout</c>, <c>db</c> passes the same line through rich (wrapping, emoji codes, markup);
/// that rendering is not done here.
/// </para>
/// <para>
/// Values print as Python prints the column: integers in decimal, NULL as <c>None</c>, strings as they are, syscall
/// arguments with <c>#x</c> of the value as stored, a buffer as <c>repr(bytes)</c>. An argument is a <see cref="ulong"/>
/// here but a signed 64-bit integer in the file (EventDb and Penguin store its bit pattern), so from 2^63 up it prints
/// as Python prints the negative number: <c>0xffffffffffffff9c</c> prints <c>-0x64</c>, <see cref="ulong.MaxValue"/>
/// prints <c>-0x1</c>.
/// </para>
/// <para>
/// A <see langword="null"/> <c>Procname</c> prints as <c>[?]</c>: that is what the file holds for it
/// (<c>[Column(Default = "[?]")]</c> on <see cref="Event"/>), so it is what <c>db</c> prints for the row.
/// </para>
/// </remarks>
public static class PenguinFormat
{
    private const string UnknownProcname = "[?]";

    /// <summary><c>str(event)</c> of a syscall: <c>name(repr(0xhex), ...) = retno(retno_repr)</c>.</summary>
    /// <remarks>
    /// An argument is left out only when its value is NULL; a NULL repr prints <c>None</c> and an empty one nothing, so
    /// Penguin's unused slots (value 0, repr "") print <c>(0x0)</c>.
    /// </remarks>
    public static string Line(in Syscall syscall) => Line(in syscall, withProcname: false);

    /// <summary>
    /// What <c>db syscalls</c> prints for <paramref name="syscall"/>: <see cref="Line(in Syscall)"/>, after
    /// <c>(procname) </c> when <paramref name="withProcname"/> (<c>db</c> prints it only when no <c>--procname</c> is given).
    /// </summary>
    public static string Line(in Syscall syscall, bool withProcname)
    {
        var sb = new StringBuilder(160);
        if (withProcname)
            AppendProcname(sb, syscall.Procname);
        PythonFormat.AppendStr(sb, syscall.Name);
        sb.Append('(');
        bool first = true;
        AppendArgument(sb, syscall.Arg0, syscall.Arg0Repr, ref first);
        AppendArgument(sb, syscall.Arg1, syscall.Arg1Repr, ref first);
        AppendArgument(sb, syscall.Arg2, syscall.Arg2Repr, ref first);
        AppendArgument(sb, syscall.Arg3, syscall.Arg3Repr, ref first);
        AppendArgument(sb, syscall.Arg4, syscall.Arg4Repr, ref first);
        AppendArgument(sb, syscall.Arg5, syscall.Arg5Repr, ref first);
        sb.Append(") = ");
        PythonFormat.AppendInt(sb, syscall.Retno);
        sb.Append('(');
        PythonFormat.AppendStr(sb, syscall.RetnoRepr);
        return sb.Append(')').ToString();
    }

    /// <summary><c>str(event)</c> of a read: <c>read(fd, fname, "b'...'")</c>, with <c>""</c> for a NULL buffer.</summary>
    public static string Line(in Read read) => Line(in read, withProcname: false);

    /// <summary>What <c>db reads</c> prints for <paramref name="read"/>, <c>(procname) </c> first when <paramref name="withProcname"/>.</summary>
    public static string Line(in Read read, bool withProcname) =>
        ReadWrite("read(", withProcname, read.Procname, read.Fd, read.Fname, read.Buffer);

    /// <summary><c>str(event)</c> of a write: <c>write(fd, fname, "b'...'")</c>, with <c>None</c> for a NULL file name.</summary>
    public static string Line(in Write write) => Line(in write, withProcname: false);

    /// <summary>What <c>db writes</c> prints for <paramref name="write"/>, <c>(procname) </c> first when <paramref name="withProcname"/>.</summary>
    public static string Line(in Write write, bool withProcname) =>
        ReadWrite("write(", withProcname, write.Procname, write.Fd, write.Fname, write.Buffer);

    /// <summary>
    /// <c>str(event)</c> of an exec: <c>Exec: "argv" calltree</c>. Penguin's logger stores an empty call tree, so its lines
    /// end with a space.
    /// </summary>
    public static string Line(in Exec exec) => Line(in exec, withProcname: false);

    /// <summary>What <c>db execs</c> prints for <paramref name="exec"/>, <c>(procname) </c> first when <paramref name="withProcname"/>.</summary>
    public static string Line(in Exec exec, bool withProcname)
    {
        var sb = new StringBuilder(96);
        if (withProcname)
            AppendProcname(sb, exec.Procname);
        sb.Append("Exec: \"");
        PythonFormat.AppendStr(sb, exec.Argv);
        sb.Append("\" ");
        PythonFormat.AppendStr(sb, exec.Calltree);
        return sb.ToString();
    }

    /// <summary><c>str(event)</c> of a process start: <c>ProcStart: pid=1 ppid=0 comm=init</c>. No <c>db</c> subcommand prints it.</summary>
    public static string Line(in ProcStart start)
    {
        var sb = new StringBuilder(64).Append("ProcStart: pid=");
        PythonFormat.AppendInt(sb, start.Pid);
        sb.Append(" ppid=");
        PythonFormat.AppendInt(sb, start.Ppid);
        sb.Append(" comm=");
        PythonFormat.AppendStr(sb, start.Comm);
        return sb.ToString();
    }

    /// <summary><c>str(event)</c> of a process exit: <c>ProcExit: pid=1 code=0 (exit)</c>. No <c>db</c> subcommand prints it.</summary>
    public static string Line(in ProcExit exit)
    {
        var sb = new StringBuilder(64).Append("ProcExit: pid=");
        PythonFormat.AppendInt(sb, exit.Pid);
        sb.Append(" code=");
        PythonFormat.AppendInt(sb, exit.Code);
        sb.Append(" (");
        PythonFormat.AppendStr(sb, exit.Reason);
        return sb.Append(')').ToString();
    }

    /// <summary>
    /// What <c>db tasks</c> prints for one distinct <c>event.procname</c>: the name itself, an empty line for <c>""</c>
    /// (Penguin's process exits), <c>[?]</c> for <see langword="null"/> as the file stores it.
    /// </summary>
    public static string TaskLine(string? procname) => procname ?? UnknownProcname;

    /// <summary>
    /// What <c>db fds</c> prints for one distinct (procname, fd, fname) of the <c>write</c> table: <c>(procname) fd fname</c>,
    /// or <c>fd fname</c> without <paramref name="withProcname"/>; a NULL file name prints <c>None</c>.
    /// </summary>
    /// <remarks>
    /// Unlike the other subcommands, <c>db fds</c> drops the prefix only when <c>--procname</c> is given and not empty.
    /// </remarks>
    public static string FdLine(string? procname, long fd, string? fname, bool withProcname)
    {
        var sb = new StringBuilder(64);
        if (withProcname)
            AppendProcname(sb, procname);
        PythonFormat.AppendInt(sb, fd);
        sb.Append(' ');
        PythonFormat.AppendStr(sb, fname);
        return sb.ToString();
    }

    private static string ReadWrite(string open, bool withProcname, string? procname, long fd, string? fname, byte[]? buffer)
    {
        var sb = new StringBuilder(32 + (buffer?.Length ?? 0));
        if (withProcname)
            AppendProcname(sb, procname);
        sb.Append(open);
        PythonFormat.AppendInt(sb, fd);
        sb.Append(", ");
        PythonFormat.AppendStr(sb, fname);
        sb.Append(", \"");
        // Penguin tests "is not None": an empty buffer still prints b''.
        if (buffer is not null)
            PythonRepr.AppendBytes(sb, buffer);
        return sb.Append("\")").ToString();
    }

    private static void AppendProcname(StringBuilder sb, string? procname) =>
        sb.Append('(').Append(procname ?? UnknownProcname).Append(") ");

    private static void AppendArgument(StringBuilder sb, ulong? value, string? repr, ref bool first)
    {
        if (value is not { } v)
            return;
        if (!first)
            sb.Append(", ");
        first = false;
        PythonFormat.AppendStr(sb, repr);
        sb.Append('(');
        // The file holds the argument's bit pattern as a signed integer, and that is the number Python formats.
        PythonFormat.AppendHex(sb, unchecked((long)v));
        sb.Append(')');
    }
}
