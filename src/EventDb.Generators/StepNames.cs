namespace EventDb.Generators;

/// <summary>Tracking names of the pipeline steps; tests assert their run reasons by these names.</summary>
internal static class StepNames
{
    public const string Parse = nameof(Parse);
    public const string Spec = nameof(Spec);
    public const string Claims = nameof(Claims);
    public const string DuplicateTables = nameof(DuplicateTables);
    public const string Output = nameof(Output);
}
