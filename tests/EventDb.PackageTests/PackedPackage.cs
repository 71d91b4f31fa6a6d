using System.Globalization;

namespace EventDb.PackageTests;

/// <summary>
/// Packs src/EventDb once per test run into a temp folder, with a version no earlier run used, so that no cached
/// EventDb package (in a global packages folder or an HTTP cache) can stand in for the one just built.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    public PackedPackage()
    {
        RepositoryRoot = FindRepositoryRoot();
        WorkDirectory = Directory.CreateTempSubdirectory("eventdb-package-").FullName;
        FeedDirectory = Directory.CreateDirectory(Path.Combine(WorkDirectory, "feed")).FullName;
        Version = string.Create(CultureInfo.InvariantCulture,
            $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}");

        // Its own artifacts folder: the pack builds nothing into the repository's bin/ and obj/, which the other test
        // projects and the demo use at the same time.
        PackOutput = DotnetCli.Run(RepositoryRoot, StepTimeout,
            "pack", Path.Combine(RepositoryRoot, "src", "EventDb", "EventDb.csproj"), "--nologo", "-c", "Release",
            "-o", FeedDirectory, "--artifacts-path", Path.Combine(WorkDirectory, "artifacts"),
            $"-p:Version={Version}", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        PackagePath = Path.Combine(FeedDirectory, $"EventDb.{Version}.nupkg");
        if (!File.Exists(PackagePath))
            throw new InvalidOperationException($"dotnet pack did not write {PackagePath}:\n{PackOutput}");
    }

    public string RepositoryRoot { get; }

    /// <summary>The temp folder of this run: feed/, artifacts/, the consumer project and its packages.</summary>
    public string WorkDirectory { get; }

    /// <summary>The local package source holding the one .nupkg.</summary>
    public string FeedDirectory { get; }

    public string Version { get; }

    public string PackagePath { get; }

    public string PackOutput { get; }

    /// <summary>Set by a failing test so that the temp folder survives for inspection.</summary>
    public bool KeepWorkDirectory { get; set; }

    public void Dispose()
    {
        if (KeepWorkDirectory)
            return;
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind does no harm.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EventDb.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No EventDb.sln above {AppContext.BaseDirectory}.");
    }
}
