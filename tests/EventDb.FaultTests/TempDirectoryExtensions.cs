namespace EventDb.FaultTests;

/// <summary>What these tests do in their <see cref="TempDirectory"/>: a logger with the fault tables, the file opened raw.</summary>
internal static class TempDirectoryExtensions
{
    extension(TempDirectory directory)
    {
        /// <summary>Options for this directory with a short flush interval and the fault tables created up front.</summary>
        public EventLoggerOptions Options() => new()
        {
            Directory = directory.Path,
            FlushInterval = TimeSpan.FromMilliseconds(100),
            Tables = [Numbered.Schema, Labelled.Schema],
        };

        public RawDb OpenRaw(bool readOnly = false, int busyTimeoutMs = 5_000) => RawDb.Open(directory.DbPath, readOnly, busyTimeoutMs);
    }
}
