namespace EventDb.Generators.Tests;

/// <summary>The Penguin event model (pengutils/events) of src/EventDb.Penguin, member for member as in penguin-schema.sql.</summary>
internal static class PenguinModel
{
    /// <summary>
    /// The library's own source file, so the snapshots and parity checks cover exactly the model the runtime tests and
    /// the demo use.
    /// </summary>
    public static readonly string Source = File.ReadAllText(
        Path.Combine(GeneratorHarness.SourceDirectory(), "..", "..", "src", "EventDb.Penguin", "PenguinEvents.cs"));

    public static readonly string[] Types = ["Event", "Read", "Write", "Syscall", "Exec", "ProcStart", "ProcExit"];
}
