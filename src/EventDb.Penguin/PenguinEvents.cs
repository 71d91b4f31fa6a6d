namespace EventDb.Penguin;

// Penguin's event model (pengutils/events), member for member. A file written with these types is what
// Penguin's SQLAlchemy models create and read: see shared/fixtures/penguin-schema.sql.

/// <summary>The base row every Penguin event has: which process raised it.</summary>
[EventBase("event", Discriminator = "type")]
public partial record struct Event
{
    /// <summary>The process name; stored as <c>[?]</c> when unknown, as Penguin does.</summary>
    [Column(Default = "[?]")]
    public string? Procname { get; init; }

    /// <summary>The process id; 0 when unknown.</summary>
    public long ProcId { get; init; }
}

/// <summary>A <c>read(2)</c> observed in the guest.</summary>
[EventTable("read", Base = typeof(Event))]
public partial record struct Read
{
    public long Fd { get; init; }
    public string Fname { get; init; }
    public byte[]? Buffer { get; init; }
}

/// <summary>A <c>write(2)</c> observed in the guest.</summary>
[EventTable("write", Base = typeof(Event))]
public partial record struct Write
{
    public long Fd { get; init; }
    public string? Fname { get; init; }
    public byte[]? Buffer { get; init; }
}

/// <summary>Any system call, its return value and up to six arguments with their printable forms.</summary>
[EventTable("syscall", Base = typeof(Event))]
public partial record struct Syscall
{
    public string Name { get; init; }
    public long? Retno { get; init; }
    public string? RetnoRepr { get; init; }
    public ulong? Arg0 { get; init; }
    public string? Arg0Repr { get; init; }
    public ulong? Arg1 { get; init; }
    public string? Arg1Repr { get; init; }
    public ulong? Arg2 { get; init; }
    public string? Arg2Repr { get; init; }
    public ulong? Arg3 { get; init; }
    public string? Arg3Repr { get; init; }
    public ulong? Arg4 { get; init; }
    public string? Arg4Repr { get; init; }
    public ulong? Arg5 { get; init; }
    public string? Arg5Repr { get; init; }
}

/// <summary>An <c>execve</c>: the call tree that led to it and its arguments and environment.</summary>
[EventTable("exec", Base = typeof(Event))]
public partial record struct Exec
{
    public string Calltree { get; init; }
    public string Argc { get; init; }
    public string Argv { get; init; }
    public string Envp { get; init; }
    public long Euid { get; init; }
    public long Egid { get; init; }
}

/// <summary>A process started.</summary>
[EventTable("proc_start", Base = typeof(Event))]
public partial record struct ProcStart
{
    public long Pid { get; init; }
    public long Ppid { get; init; }
    public long CreateTime { get; init; }
    public string Comm { get; init; }
    public long Uid { get; init; }
    public long Gid { get; init; }
    public long Euid { get; init; }
    public long Egid { get; init; }
}

/// <summary>A process exited.</summary>
[EventTable("proc_exit", Base = typeof(Event))]
public partial record struct ProcExit
{
    public long Pid { get; init; }
    public long CreateTime { get; init; }
    public long Code { get; init; }
    public string Reason { get; init; }
}
