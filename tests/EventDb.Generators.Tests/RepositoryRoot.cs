namespace EventDb.Generators.Tests;

/// <summary>The checkout the tests run from: the nearest directory above the test binaries that holds EventDb.sln.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> s_directory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EventDb.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No EventDb.sln above {AppContext.BaseDirectory}.");
    });

    /// <summary>The full path of the repository root.</summary>
    public static string Directory => s_directory.Value;

    /// <summary>The full path of <paramref name="relativePath"/> ('/'-separated) inside the repository.</summary>
    public static string Path(string relativePath) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar)));
}
