using System.Runtime.CompilerServices;

namespace EventDb;

/// <summary>Where the flush path allocates memory that a failure must not corrupt; see <see cref="AllocationFaults"/>.</summary>
internal enum AllocationSite
{
    /// <summary>A table's state on the writer's connection, the first time a batch writes it (<see cref="SqliteStore.BeginTable"/>).</summary>
    Table,

    /// <summary>A stage: its staged values and its arena's pinned block (<see cref="SqliteTable.NewStage"/>).</summary>
    Stage,

    /// <summary>Memory of its own for a value too large for the arena (<see cref="Utf8Arena.AllocateLarge"/>).</summary>
    LargeValue,

    /// <summary>An INSERT of a new row count, prepared on the insert thread (<see cref="SqliteTable.Insert"/>).</summary>
    Statement,

    /// <summary>The writer's bookkeeping of one table of a batch (<see cref="EventWriter"/>).</summary>
    Batch,

    /// <summary>The report of an event the store cannot take (<see cref="RowSink{T}.TryWrite"/>).</summary>
    Rejection,

    /// <summary>A base row to delete because its child row was rejected (<see cref="SqliteTable.OrphanedBaseRows"/>).</summary>
    BaseRowDelete,

    /// <summary>A report of a committed or failed flush, after the batch committed or rolled back (<see cref="EventLogger"/>).</summary>
    Report,
}

/// <summary>
/// For tests only: makes the n-th allocation at one <see cref="AllocationSite"/> fail with an
/// <see cref="OutOfMemoryException"/>, as the runtime would, so each site's failure is tested for real. Off, it costs
/// one predictable branch at each site, and no site is on the path of every row.
/// </summary>
internal static class AllocationFaults
{
    private static volatile bool s_armed;
    private static AllocationSite s_site;
    private static int s_remaining;

    /// <summary>How many faults were injected since the process started.</summary>
    public static int Injected => Volatile.Read(ref s_injected);

    private static int s_injected;

    /// <summary>Fails the <paramref name="nth"/> allocation at <paramref name="site"/> from now on (once).</summary>
    public static void Arm(AllocationSite site, int nth)
    {
        s_site = site;
        Volatile.Write(ref s_remaining, nth);
        s_armed = true;
    }

    public static void Disarm() => s_armed = false;

    /// <summary>Called before each allocation at <paramref name="site"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Allocating(AllocationSite site)
    {
        if (s_armed)
            Count(site);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Count(AllocationSite site)
    {
        if (site != s_site || Interlocked.Decrement(ref s_remaining) != 0)
            return;
        s_armed = false;
        Interlocked.Increment(ref s_injected);
#pragma warning disable CA2201 // Reserved by the runtime: exactly what an allocation that fails throws, which is the point.
        throw new OutOfMemoryException($"Injected allocation failure at {site}.");
#pragma warning restore CA2201
    }
}
