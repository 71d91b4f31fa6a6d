namespace EventDb.Hosting.Tests;

/// <summary>A fresh directory under the temp folder, deleted with the test.</summary>
internal sealed class TestDirectory : IDisposable
{
    public TestDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eventdb-hosting-tests", Guid.NewGuid().ToString("N"));

    public string DbPath => System.IO.Path.Combine(Path, "plugins.db");

    /// <summary>Options for this directory with a short flush interval and Penguin's tables; adjust with <c>with { ... }</c>.</summary>
    public EventLoggerOptions Options() => new()
    {
        Directory = Path,
        FlushInterval = TimeSpan.FromMilliseconds(100),
        Tables = Penguin.PenguinTables.All,
    };

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
