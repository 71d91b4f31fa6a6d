using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventDb.Export.Internals;

/// <summary>
/// What a run's last export wrote, kept in <c>CORPUS/_runs/RUN.json</c>: the source's stamp (size and modification
/// time of the file and its WAL), the settings it was written with, and each table's rows and files. Written last, after
/// every partition is in place, so a run with a manifest is whole; a run without one is exported again.
/// </summary>
internal sealed record Manifest(
    int Format,
    string Run,
    string Source,
    string SourceStamp,
    string Settings,
    DateTime ExportedUtc,
    IReadOnlyList<ManifestTable> Tables)
{
    public const int CurrentFormat = 1;

    public static Manifest? TryRead(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var manifest = JsonSerializer.Deserialize(stream, ManifestJson.Default.Manifest);
            return manifest is { Format: CurrentFormat } ? manifest : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the manifest under a temporary name, syncs it, renames it into place and syncs that name.</summary>
    public void Write(string path)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, ManifestJson.Default.Manifest);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        DirectorySync.Sync(Path.GetDirectoryName(path)!);
    }
}

/// <summary>One table of a run, as its manifest records it.</summary>
internal sealed record ManifestTable(string Name, long Rows, IReadOnlyList<string> Files);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Manifest))]
internal sealed partial class ManifestJson : JsonSerializerContext;
