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
    /// <summary>The file descriptor read from.</summary>
    public long Fd { get; init; }
    /// <summary>The path the descriptor refers to, as the guest resolved it.</summary>
    public string Fname { get; init; }
    /// <summary>The bytes read (what the call returned in its buffer), or <see langword="null"/> when not captured.</summary>
    public byte[]? Buffer { get; init; }
}

/// <summary>A <c>write(2)</c> observed in the guest.</summary>
[EventTable("write", Base = typeof(Event))]
public partial record struct Write
{
    /// <summary>The file descriptor written to.</summary>
    public long Fd { get; init; }
    /// <summary>The path the descriptor refers to, or <see langword="null"/> when unknown.</summary>
    public string? Fname { get; init; }
    /// <summary>The bytes written, or <see langword="null"/> when not captured.</summary>
    public byte[]? Buffer { get; init; }
}

/// <summary>Any system call, its return value and up to six arguments with their printable forms.</summary>
[EventTable("syscall", Base = typeof(Event))]
public partial record struct Syscall
{
    /// <summary>The system call's name (<c>openat</c>, <c>ioctl</c>).</summary>
    public string Name { get; init; }
    /// <summary>Its return value (negative for an errno), or <see langword="null"/> when it has not returned.</summary>
    public long? Retno { get; init; }
    /// <summary>The return value's printable form (<c>-ENOENT</c>, a pointer in hex), as Penguin shows it.</summary>
    public string? RetnoRepr { get; init; }
    /// <summary>Argument 0 as its register value (a pointer or number), or <see langword="null"/> when the call takes fewer.</summary>
    public ulong? Arg0 { get; init; }
    /// <summary>Argument 0's printable form (a string it points to, a flag name), as Penguin shows it.</summary>
    public string? Arg0Repr { get; init; }
    /// <summary>Argument 1 as its register value (a pointer or number), or <see langword="null"/> when the call takes fewer.</summary>
    public ulong? Arg1 { get; init; }
    /// <summary>Argument 1's printable form (a string it points to, a flag name), as Penguin shows it.</summary>
    public string? Arg1Repr { get; init; }
    /// <summary>Argument 2 as its register value (a pointer or number), or <see langword="null"/> when the call takes fewer.</summary>
    public ulong? Arg2 { get; init; }
    /// <summary>Argument 2's printable form (a string it points to, a flag name), as Penguin shows it.</summary>
    public string? Arg2Repr { get; init; }
    /// <summary>Argument 3 as its register value (a pointer or number), or <see langword="null"/> when the call takes fewer.</summary>
    public ulong? Arg3 { get; init; }
    /// <summary>Argument 3's printable form (a string it points to, a flag name), as Penguin shows it.</summary>
    public string? Arg3Repr { get; init; }
    /// <summary>Argument 4 as its register value (a pointer or number), or <see langword="null"/> when the call takes fewer.</summary>
    public ulong? Arg4 { get; init; }
    /// <summary>Argument 4's printable form (a string it points to, a flag name), as Penguin shows it.</summary>
    public string? Arg4Repr { get; init; }
    /// <summary>Argument 5 as its register value (a pointer or number), or <see langword="null"/> when the call takes fewer.</summary>
    public ulong? Arg5 { get; init; }
    /// <summary>Argument 5's printable form (a string it points to, a flag name), as Penguin shows it.</summary>
    public string? Arg5Repr { get; init; }
}

/// <summary>An <c>execve</c>: the call tree that led to it and its arguments and environment.</summary>
[EventTable("exec", Base = typeof(Event))]
public partial record struct Exec
{
    /// <summary>The chain of processes that led to the call, as Penguin prints it (<c>init(100) -&gt; sh(230)</c>).</summary>
    public string Calltree { get; init; }
    /// <summary>The argument count, as text (Penguin's model stores it as a string).</summary>
    public string Argc { get; init; }
    /// <summary>The arguments, as Python's list repr (<c>['/bin/sh', '-c', ...]</c>).</summary>
    public string Argv { get; init; }
    /// <summary>The environment, as Python's list repr of <c>NAME=value</c> strings.</summary>
    public string Envp { get; init; }
    /// <summary>The effective user id of the calling process.</summary>
    public long Euid { get; init; }
    /// <summary>The effective group id of the calling process.</summary>
    public long Egid { get; init; }
}

/// <summary>A process started.</summary>
[EventTable("proc_start", Base = typeof(Event))]
public partial record struct ProcStart
{
    /// <summary>The new process's id.</summary>
    public long Pid { get; init; }
    /// <summary>Its parent's process id.</summary>
    public long Ppid { get; init; }
    /// <summary>Its creation time as the guest kernel reports it; with <see cref="Pid"/> it names the process across pid reuse.</summary>
    public long CreateTime { get; init; }
    /// <summary>Its command name (the kernel's <c>comm</c>, at most 15 characters).</summary>
    public string Comm { get; init; }
    /// <summary>Its real user id.</summary>
    public long Uid { get; init; }
    /// <summary>Its real group id.</summary>
    public long Gid { get; init; }
    /// <summary>Its effective user id.</summary>
    public long Euid { get; init; }
    /// <summary>Its effective group id.</summary>
    public long Egid { get; init; }
}

/// <summary>A process exited.</summary>
[EventTable("proc_exit", Base = typeof(Event))]
public partial record struct ProcExit
{
    /// <summary>The exiting process's id.</summary>
    public long Pid { get; init; }
    /// <summary>Its creation time, as in its <see cref="ProcStart"/> event, so the two can be matched across pid reuse.</summary>
    public long CreateTime { get; init; }
    /// <summary>Its exit code.</summary>
    public long Code { get; init; }
    /// <summary>How it ended (<c>exit_group</c>, a signal's name).</summary>
    public string Reason { get; init; }
}
