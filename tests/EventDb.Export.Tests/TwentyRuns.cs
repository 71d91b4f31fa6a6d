namespace EventDb.Export.Tests;

/// <summary>
/// Twenty Penguin runs of a few thousand events each (a different trace and length each), written by a real EventLogger
/// and exported once into one corpus with Penguin's schemas: what the campaign tests read.
/// </summary>
public sealed class TwentyRuns : IDisposable
{
    public const int Count = 20;
    private readonly TempDirectory _directory = new();

    public TwentyRuns()
    {
        Runs = [.. Enumerable.Range(0, Count).Select(i => _directory.WriteRun($"run-{i:D2}", seed: 100 + i, events: 4_000 + 97 * i))];
        Results = CorpusExporter.ExportAsync(Runs, Corpus, new ExportOptions { Schemas = Penguin.PenguinTables.All }).GetAwaiter().GetResult();
    }

    public IReadOnlyList<string> Runs { get; }

    public IReadOnlyList<RunExportResult> Results { get; }

    public string Corpus => _directory.Corpus;

    public void Dispose() => _directory.Dispose();
}
