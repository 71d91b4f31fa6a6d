namespace EventDb;

/// <summary>
/// Opens the storage: the one place the facades (<see cref="EventLogger"/>, <see cref="EventFile"/>) learn which file
/// format they write and read. Everything else reaches the storage through <see cref="IEventStore"/> and
/// <see cref="IEventReader"/>.
/// </summary>
internal static class EventStorage
{
    /// <inheritdoc cref="SqliteStore.Open"/>
    public static IEventStore OpenStore(string path, StoreOptions options) => SqliteStore.Open(path, options);

    /// <inheritdoc cref="SqliteReader.Open"/>
    public static IEventReader OpenReader(string path, TimeSpan busyTimeout) => SqliteReader.Open(path, busyTimeout);
}
