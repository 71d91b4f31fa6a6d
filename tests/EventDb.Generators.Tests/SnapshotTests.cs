namespace EventDb.Generators.Tests;

/// <summary>
/// Compares generated source with Snapshots/*.g.cs.txt. Set EVENTDB_UPDATE_SNAPSHOTS=1 to rewrite them in the source
/// tree (review the git diff); CI never sets it.
/// </summary>
public class SnapshotTests
{
    public static TheoryData<string> PenguinTypes => new(PenguinModel.Types);

    [Theory]
    [MemberData(nameof(PenguinTypes))]
    public void Penguin_Generated_MatchesSnapshot(string type)
    {
        var result = GeneratorHarness.Run(PenguinModel.Source);
        Verify("Penguin." + type, result.Source("EventDb.Penguin." + type));
    }

    [Fact]
    public void AllTypes_Generated_MatchesSnapshot()
    {
        var result = GeneratorHarness.Run(AllTypesModel.Source);
        Verify("AllTypes", result.Source("Tests.Everything.AllTypes"));
        Verify("AllTypes.Nested", result.Source("Tests.Everything.Outer_1.Middle.Inner"));
    }

    private static void Verify(string name, string actual)
    {
        var path = Path.Combine(GeneratorHarness.SourceDirectory(), "Snapshots", name + ".g.cs.txt");
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("EVENTDB_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"Missing snapshot {path}; run the tests with EVENTDB_UPDATE_SNAPSHOTS=1 and review the new file.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
