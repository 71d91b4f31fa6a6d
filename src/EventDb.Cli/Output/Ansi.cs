namespace EventDb.Cli.Output;

/// <summary>The few ANSI SGR sequences the tool uses on a colour terminal, and nowhere else.</summary>
internal static class Ansi
{
    public const string Reset = "\e[0m";
    public const string Bold = "\e[1m";
    public const string Dim = "\e[2m";
    public const string Red = "\e[31m";
    public const string Cyan = "\e[36m";
}
