using System.Globalization;

namespace EventDb.Demo;

/// <summary>The demo's command line.</summary>
internal sealed record DemoOptions(string OutputDirectory, long Events, int Producers, bool Verify, bool Help)
{
    public const string Usage = """
        usage: EventDb.Demo [--out DIR] [--events N] [--producers K] [--verify] [--soak SECONDS]
          --out DIR        directory of plugins.db (default results/latest; a second run appends)
          --events N       events to write (default 1000000)
          --producers K    producer threads (default 2)
          --verify         afterwards check integrity and that every event row has one child row
          --soak SECONDS   instead: producers, random flushes, close-and-reopen cycles and a concurrent reader
                           for SECONDS into DIR/soak.db, then check every event is there once; non-zero on any problem
        """;

    /// <summary>When set, run the soak (see <see cref="Soak"/>) for this many seconds instead of the trace.</summary>
    public long? SoakSeconds { get; init; }

    public static DemoOptions Parse(string[] args)
    {
        var options = new DemoOptions("results/latest", 1_000_000, 2, Verify: false, Help: false);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--out" => options with { OutputDirectory = Value() },
                "--events" => options with { Events = ParsePositive(Value(), "--events") },
                "--producers" => options with { Producers = (int)Math.Min(ParsePositive(Value(), "--producers"), 256) },
                "--verify" => options with { Verify = true },
                "--soak" => options with { SoakSeconds = ParsePositive(Value(), "--soak") },
                "-h" or "--help" => options with { Help = true },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'."),
            };
        }
        return options;
    }

    private static long ParsePositive(string text, string name) =>
        long.TryParse(text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive integer, not '{text}'.");
}
