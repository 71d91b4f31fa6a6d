namespace EventDb;

/// <summary>What the storage needs to open and write a file, taken from the logger's options when it opens.</summary>
/// <param name="Tables">The tables created or checked when the store opens.</param>
/// <param name="BusyTimeout">How long one attempt waits for a lock another connection holds.</param>
/// <param name="OpenTimeout">How long opening waits out such locks in all.</param>
/// <param name="Durability">When a commit is on disk.</param>
/// <param name="KeepWrittenPagesCached">Leave written pages in the OS cache instead of dropping them after a checkpoint.</param>
/// <param name="WalRestartBytes">How large the WAL may grow before the writer waits for it to be copied into the file.</param>
internal sealed record StoreOptions(
    IReadOnlyList<EventTableSchema> Tables,
    TimeSpan BusyTimeout,
    TimeSpan OpenTimeout,
    Durability Durability,
    bool KeepWrittenPagesCached,
    long WalRestartBytes);
