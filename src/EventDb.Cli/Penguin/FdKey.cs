namespace EventDb.Cli.Penguin;

/// <summary>
/// One line of <c>fds</c>: a distinct (procname, fd, fname) of the write table, ordered as Python orders those tuples:
/// procname by code point, then fd numerically, then fname by code point.
/// </summary>
/// <remarks>
/// Python cannot order a NULL file name against a text one (<c>TypeError</c>, Penguin's <c>fds</c> dies printing
/// nothing); here NULL (printed <c>None</c>) comes first, as SQL orders NULLs.
/// </remarks>
internal readonly record struct FdKey(string Procname, long Fd, string? Fname) : IComparable<FdKey>
{
    public int CompareTo(FdKey other)
    {
        int order = CodePoints.Compare(Procname, other.Procname);
        if (order != 0)
            return order;
        order = Fd.CompareTo(other.Fd);
        if (order != 0)
            return order;
        if (Fname is null || other.Fname is null)
            return (Fname is null ? 0 : 1) - (other.Fname is null ? 0 : 1);
        return CodePoints.Compare(Fname, other.Fname);
    }
}
