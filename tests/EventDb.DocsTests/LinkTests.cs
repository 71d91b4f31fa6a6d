using EventDb.Generators.Tests;

namespace EventDb.DocsTests;

/// <summary>The documentation's relative links resolve, and README.md leads to every page.</summary>
public class LinkTests
{
    [Fact]
    public void RelativeLinks_PointAtFilesThatExist()
    {
        var broken = new List<string>();
        foreach (var file in MarkdownDocs.Files())
        {
            foreach (var (line, target) in MarkdownDocs.RelativeLinks(MarkdownDocs.Read(file)))
            {
                if (!File.Exists(Resolve(file, target)) && !Directory.Exists(Resolve(file, target)))
                    broken.Add($"{file}:{line}: {target}");
            }
        }
        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Readme_LeadsToEveryDocsPage()
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["README.md"]);
        while (queue.TryDequeue(out var file))
        {
            if (!reached.Add(file) || !File.Exists(RepositoryRoot.Path(file)))
                continue;
            foreach (var (_, target) in MarkdownDocs.RelativeLinks(MarkdownDocs.Read(file)))
            {
                var path = Resolve(file, target);
                if (path.EndsWith(".md", StringComparison.Ordinal))
                    queue.Enqueue(Path.GetRelativePath(RepositoryRoot.Directory, path).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }
        var unreachable = MarkdownDocs.Files().Where(f => !reached.Contains(f)).ToList();
        Assert.True(unreachable.Count == 0, "Not linked from README.md or a page it links to: " + string.Join(", ", unreachable));
    }

    [Fact]
    public void DiagnosticPages_EachShowTheirOwnErrorInACompiledBlock()
    {
        var pages = MarkdownDocs.Files().Where(f => f.StartsWith("docs/diagnostics/EVDB", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var id = Path.GetFileNameWithoutExtension(page);
            var blocks = MarkdownDocs.Blocks(page, MarkdownDocs.Read(page)).Where(b => b.IsCSharp).ToList();
            Assert.True(blocks.Exists(b => b.Attributes.TryGetValue("error", out var e) && e == id), $"{page} has no ```csharp error={id} block");
        }
    }

    /// <summary>The full path of <paramref name="target"/>, relative to <paramref name="file"/>'s directory, without its #anchor.</summary>
    private static string Resolve(string file, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var directory = Path.GetDirectoryName(RepositoryRoot.Path(file))!;
        return Path.GetFullPath(Path.Combine(directory, path.Replace('/', Path.DirectorySeparatorChar)));
    }
}
