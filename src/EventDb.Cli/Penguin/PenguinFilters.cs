using EventDb.Penguin;

namespace EventDb.Cli.Penguin;

/// <summary>
/// The conditions Penguin's <c>db</c> puts in its WHERE, one per option given and not empty (click passes <c>""</c> as
/// absent), joined with AND, with the same SQL semantics:
/// <list type="bullet">
/// <item><c>--procname</c>, <c>--filename</c>, <c>--syscall</c>: SQLAlchemy's <c>contains()</c>, i.e.
/// <c>column LIKE '%' || value || '%'</c> with no ESCAPE: ASCII case ignored, <c>%</c> and <c>_</c> in the value are
/// wildcards, a NULL column never matches.</item>
/// <item><c>--fd</c>: Penguin binds the value as text against the INTEGER column, which SQL compares as the number it
/// reads as (<see cref="IntegerColumn.IsNumber"/>): <c>03</c>, <c>+3</c> and <c>3.0</c> match fd 3 and <c>0x3</c>
/// matches nothing.</item>
/// <item><c>--syscall</c>: <c>sys_</c> put in front unless the value starts with it (case-sensitive, as Penguin).</item>
/// <item><c>--errors</c>: <c>retno &lt; 0</c> (NULL never matches).</item>
/// </list>
/// </summary>
internal static class PenguinFilters
{
    public static Condition? Syscalls(PenguinFlags flags)
    {
        Condition? where = null;
        if (!string.IsNullOrEmpty(flags.Procname))
            where = And(where, Syscall.Where.Procname.Like(Contains(flags.Procname)));
        if (!string.IsNullOrEmpty(flags.Syscall))
            where = And(where, Syscall.Where.Name.Like(Contains(SyscallName(flags.Syscall))));
        if (flags.Errors)
            where = And(where, Syscall.Where.Retno.LessThan(0));
        return where;
    }

    public static Condition? Reads(PenguinFlags flags)
    {
        Condition? where = null;
        if (!string.IsNullOrEmpty(flags.Procname))
            where = And(where, Read.Where.Procname.Like(Contains(flags.Procname)));
        if (!string.IsNullOrEmpty(flags.Fd))
            where = And(where, Read.Where.Fd.IsNumber(flags.Fd));
        if (!string.IsNullOrEmpty(flags.Filename))
            where = And(where, Read.Where.Fname.Like(Contains(flags.Filename)));
        return where;
    }

    public static Condition? Writes(PenguinFlags flags)
    {
        Condition? where = null;
        if (!string.IsNullOrEmpty(flags.Procname))
            where = And(where, Write.Where.Procname.Like(Contains(flags.Procname)));
        if (!string.IsNullOrEmpty(flags.Fd))
            where = And(where, Write.Where.Fd.IsNumber(flags.Fd));
        if (!string.IsNullOrEmpty(flags.Filename))
            where = And(where, Write.Where.Fname.Like(Contains(flags.Filename)));
        return where;
    }

    /// <summary><c>fds</c>: the write table with <c>--procname</c> and <c>--fd</c> (it has no <c>--filename</c>).</summary>
    public static Condition? Fds(PenguinFlags flags) => Writes(flags with { Filename = null });

    /// <summary>
    /// <c>execs</c>: <c>--procname</c>, and <c>--filename</c> as a substring of the exec's <c>argv</c> (what Penguin's
    /// option meant: its filter names columns <c>exec</c> lacks and crashes). <c>--fd</c> is refused: an exec has none.
    /// </summary>
    public static Condition? Execs(PenguinFlags flags)
    {
        if (!string.IsNullOrEmpty(flags.Fd))
            throw CliException.Usage("execs: --fd filters reads, writes and fds; an exec has no file descriptor.");
        Condition? where = null;
        if (!string.IsNullOrEmpty(flags.Procname))
            where = And(where, Exec.Where.Procname.Like(Contains(flags.Procname)));
        if (!string.IsNullOrEmpty(flags.Filename))
            where = And(where, Exec.Where.Argv.Like(Contains(flags.Filename)));
        return where;
    }

    /// <summary>Penguin's prefix rule: <c>open</c> means <c>sys_open</c>, <c>sys_open</c> stays.</summary>
    public static string SyscallName(string value) => value.StartsWith("sys_", StringComparison.Ordinal) ? value : "sys_" + value;

    private static string Contains(string value) => "%" + value + "%";

    private static Condition And(Condition? left, Condition right) => left is null ? right : left & right;
}
