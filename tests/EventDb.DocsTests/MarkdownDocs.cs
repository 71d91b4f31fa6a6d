using System.Text;
using System.Text.RegularExpressions;
using EventDb.Generators.Tests;

namespace EventDb.DocsTests;

/// <summary>One fenced code block of a Markdown file.</summary>
/// <param name="File">The file, relative to the repository root, '/'-separated.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Language">The first word of the info string, lower case ("" when there is none).</param>
/// <param name="Attributes">The rest of the info string: <c>key=value</c> pairs, or a bare word with an empty value.</param>
/// <param name="Code">The block's text, with the fence's indentation removed.</param>
internal sealed record CodeBlock(string File, int Line, string Language, IReadOnlyDictionary<string, string> Attributes, string Code)
{
    /// <summary>Where the block is, as <c>file:line</c>: the test case name.</summary>
    public string Name => File + ":" + Line;

    public bool IsCSharp => Language is "csharp" or "cs" or "c#";
}

/// <summary>The repository's documentation: README.md and every Markdown file under docs/.</summary>
internal static partial class MarkdownDocs
{
    /// <summary>README.md, then docs/**/*.md in ordinal order, relative and '/'-separated.</summary>
    public static IReadOnlyList<string> Files()
    {
        var docs = Path.Combine(RepositoryRoot.Directory, "docs");
        var files = Directory.Exists(docs)
            ? Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(RepositoryRoot.Directory, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        return ["README.md", .. files];
    }

    public static string Read(string file) => File.ReadAllText(RepositoryRoot.Path(file));

    public static IEnumerable<CodeBlock> CSharpBlocks() => Files().SelectMany(f => Blocks(f, Read(f))).Where(b => b.IsCSharp);

    /// <summary>
    /// The fenced blocks of <paramref name="markdown"/>: an opening line of three or more backticks or tildes (indented by
    /// at most three spaces more than a list item would), closed by a line of at least as many of the same character.
    /// An unclosed block runs to the end of the file, as CommonMark has it.
    /// </summary>
    public static IEnumerable<CodeBlock> Blocks(string file, string markdown)
    {
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i].TrimEnd('\r'));
            if (!open.Success)
                continue;
            var indent = open.Groups["indent"].Length;
            var fence = open.Groups["fence"].Value;
            var info = open.Groups["info"].Value.Trim();
            var code = new StringBuilder();
            var start = i;
            for (i++; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd('\r');
                var close = Fence().Match(line);
                if (close.Success && close.Groups["fence"].Value[0] == fence[0] && close.Groups["fence"].Length >= fence.Length
                    && close.Groups["info"].Value.Trim().Length == 0)
                    break;
                code.Append(line.Length >= indent && string.IsNullOrWhiteSpace(line[..indent]) ? line[indent..] : line.TrimStart()).Append('\n');
            }
            yield return Parse(file, start + 1, info, code.ToString());
        }
    }

    private static CodeBlock Parse(string file, int line, string info, string code)
    {
        var words = info.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in words.Skip(1))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            attributes[eq < 0 ? word : word[..eq]] = eq < 0 ? "" : word[(eq + 1)..];
        }
        var language = words.Length == 0 ? "" : words[0].ToLowerInvariant();
        return new CodeBlock(file, line, language, attributes, code);
    }

    /// <summary>The relative link targets of <paramref name="markdown"/> outside code blocks and code spans, with their lines.</summary>
    public static IEnumerable<(int Line, string Target)> RelativeLinks(string markdown)
    {
        var lines = markdown.Split('\n');
        string? fence = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var match = Fence().Match(line);
            if (match.Success && (fence is null || (match.Groups["fence"].Value[0] == fence[0] && match.Groups["fence"].Length >= fence.Length)))
            {
                fence = fence is null ? match.Groups["fence"].Value : null;
                continue;
            }
            if (fence is not null)
                continue;
            foreach (Match link in Link().Matches(CodeSpan().Replace(line, "")))
            {
                var target = link.Groups["target"].Value;
                if (target.StartsWith('#') || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                    continue;
                yield return (i + 1, target);
            }
        }
    }

    [GeneratedRegex(@"^(?<indent> *)(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`+[^`]*`+")]
    private static partial Regex CodeSpan();
}
