namespace EventDb.Tests;

/// <summary>A fresh directory under the temp folder, deleted with the test.</summary>
internal sealed class TestDirectory : IDisposable
{
    /// <param name="root">Where to create it; default: the temp folder (which may be a tmpfs).</param>
    public TestDirectory(string? root = null)
    {
        Path = System.IO.Path.Combine(root ?? System.IO.Path.GetTempPath(), "eventdb-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DbPath => System.IO.Path.Combine(Path, "plugins.db");

    /// <summary>Options for this directory with a short flush interval; adjust with <c>with { ... }</c>.</summary>
    public EventLoggerOptions Options() =>
        new() { Directory = Path, FlushInterval = TimeSpan.FromMilliseconds(200) };

    /// <summary>A plain connection for checking what the file holds, independent of the logger.</summary>
    public SqliteDatabase OpenRaw(bool readOnly = true) => SqliteDatabase.Open(DbPath, readOnly, create: !readOnly);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failed test; the temp folder is cleaned by the OS.
        }
    }
}
