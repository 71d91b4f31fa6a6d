using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EventDb.Generators.Model;

/// <summary>A source location as plain data, rebuilt into a <see cref="Location"/> only when a diagnostic is reported.</summary>
/// <remarks>Cached by the incremental driver: keep every member immutable and value-equal.</remarks>
internal sealed record LocationSnapshot(string FilePath, int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter)
{
    public static LocationSnapshot? From(Location? location)
    {
        if (location is null || !location.IsInSource)
            return null;
        var lines = location.GetLineSpan();
        return new(lines.Path, location.SourceSpan.Start, location.SourceSpan.Length,
            lines.StartLinePosition.Line, lines.StartLinePosition.Character, lines.EndLinePosition.Line, lines.EndLinePosition.Character);
    }

    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartCharacter), new LinePosition(EndLine, EndCharacter)));
}
