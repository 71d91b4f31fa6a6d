namespace EventDb.Generators.Tests;

/// <summary>The Penguin event model (pengutils/events), member for member as in Fixtures/penguin-schema.sql.</summary>
internal static class PenguinModel
{
    public const string Source = """
        using EventDb;

        namespace Penguin.Events;

        [EventBase("event", Discriminator = "type")]
        public partial record struct Event
        {
            [Column(Default = "[?]")]
            public string? Procname { get; init; }
            public long ProcId { get; init; }
        }

        [EventTable("read", Base = typeof(Event))]
        public partial record struct Read
        {
            public int Fd { get; init; }
            public string Fname { get; init; }
            public byte[]? Buffer { get; init; }
        }

        [EventTable("write", Base = typeof(Event))]
        public partial record struct Write
        {
            public int Fd { get; init; }
            public string? Fname { get; init; }
            public byte[]? Buffer { get; init; }
        }

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

        [EventTable("exec", Base = typeof(Event))]
        public partial record struct Exec
        {
            public string Calltree { get; init; }
            public string Argc { get; init; }
            public string Argv { get; init; }
            public string Envp { get; init; }
            public int Euid { get; init; }
            public int Egid { get; init; }
        }

        [EventTable("proc_start", Base = typeof(Event))]
        public partial record struct ProcStart
        {
            public int Pid { get; init; }
            public int Ppid { get; init; }
            public long CreateTime { get; init; }
            public string Comm { get; init; }
            public int Uid { get; init; }
            public int Gid { get; init; }
            public int Euid { get; init; }
            public int Egid { get; init; }
        }

        [EventTable("proc_exit", Base = typeof(Event))]
        public partial record struct ProcExit
        {
            public int Pid { get; init; }
            public long CreateTime { get; init; }
            public int Code { get; init; }
            public string Reason { get; init; }
        }
        """;

    public static readonly string[] Types = ["Event", "Read", "Write", "Syscall", "Exec", "ProcStart", "ProcExit"];
}
