namespace EventDb.Hosting.Tests;

/// <summary>What these tests do in their <see cref="TempDirectory"/>: host a logger writing Penguin's tables there.</summary>
internal static class TempDirectoryExtensions
{
    extension(TempDirectory directory)
    {
        /// <summary>Options for this directory with a short flush interval and Penguin's tables; adjust with <c>with { ... }</c>.</summary>
        public EventLoggerOptions Options() => new()
        {
            Directory = directory.Path,
            FlushInterval = TimeSpan.FromMilliseconds(100),
            Tables = Penguin.PenguinTables.All,
        };
    }
}
