namespace EventDb.PowerLoss;

// The child's own tables beside Penguin's. Each row carries its producer and sequence number, as the Penguin events do
// in event.proc_id and syscall.arg0 / write.fd.

/// <summary>
/// The table the schema-evolution tests change: they drop <see cref="Comment"/>'s column from a closed file, as an older
/// version of this type would have left it, and the next child's Open adds it back.
/// </summary>
[EventTable("power_note")]
public partial record struct PowerNote
{
    public long Producer { get; init; }
    public long Seq { get; init; }
    public string? Comment { get; init; }
}

// Tables created by their first event, one after another while the child writes (EventPlan.NewTables of them).
[EventTable("power_t0")] public partial record struct PowerT0 { public long Producer { get; init; } public long Seq { get; init; } }
[EventTable("power_t1")] public partial record struct PowerT1 { public long Producer { get; init; } public long Seq { get; init; } }
[EventTable("power_t2")] public partial record struct PowerT2 { public long Producer { get; init; } public long Seq { get; init; } }
[EventTable("power_t3")] public partial record struct PowerT3 { public long Producer { get; init; } public long Seq { get; init; } }
[EventTable("power_t4")] public partial record struct PowerT4 { public long Producer { get; init; } public long Seq { get; init; } }
[EventTable("power_t5")] public partial record struct PowerT5 { public long Producer { get; init; } public long Seq { get; init; } }
[EventTable("power_t6")] public partial record struct PowerT6 { public long Producer { get; init; } public long Seq { get; init; } }
[EventTable("power_t7")] public partial record struct PowerT7 { public long Producer { get; init; } public long Seq { get; init; } }
