namespace EventDb.Tests;

/// <summary>What these tests do in their <see cref="TempDirectory"/>: open a logger on it, look at its file directly.</summary>
internal static class TempDirectoryExtensions
{
    extension(TempDirectory directory)
    {
        /// <summary>Options for this directory with a short flush interval; adjust with <c>with { ... }</c>.</summary>
        public EventLoggerOptions Options() =>
            new() { Directory = directory.Path, FlushInterval = TimeSpan.FromMilliseconds(200) };

        /// <summary>A plain connection for checking what the file holds, independent of the logger.</summary>
        public SqliteDatabase OpenRaw(bool readOnly = true) => SqliteDatabase.Open(directory.DbPath, readOnly, create: !readOnly);

        /// <summary>A file made by SQLite itself from <paramref name="statements"/>, opened for reading.</summary>
        public EventFile FileWith(params string[] statements)
        {
            using (var db = directory.OpenRaw(readOnly: false))
            {
                foreach (var sql in statements)
                    db.Execute(sql);
            }
            return EventFile.OpenRead(directory.DbPath);
        }
    }
}
