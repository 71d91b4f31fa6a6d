namespace EventDb.Generators.Tests.Fuzz;

/// <summary>
/// One kind of member the fuzzer declares: its C# type as written (with <c>global::</c>, so no namespace of the
/// declarations can capture it), the values it assigns (C# expressions that round-trip exactly), and the
/// <c>[Column(Default = ...)]</c> values it may give a nullable member, each with what reading it back gives.
/// </summary>
internal sealed record FuzzKind(string Type, bool IsReference, string[] Values, (string Attribute, string ReadBack)[] Defaults, bool IsEnum = false, bool IsFlags = false)
{
    /// <summary>The enums every fuzzed program declares (in <see cref="EnumNamespace"/>), with hostile member names, an alias, an obsolete member and odd underlying types.</summary>
    public const string EnumNamespace = "FuzzEnums";

    public const string EnumDeclarations = """
        namespace FuzzEnums
        {
            public enum Color { Red, Green, @class = 7, Größe = -3, Alias = 1, [global::System.Obsolete("old")] Old = 42 }
            public enum Wide : ulong { Zero, Max = ulong.MaxValue }
            public enum Tiny : sbyte { Neg = -128, Pos = 127 }
            [global::System.Flags] public enum Perm { None = 0, Read = 1, Write = 2, Exec = 4 }
        }
        """;

    private static FuzzKind Integer(string type, params string[] values) => new(type, false, values, [("42", "(" + type + ")42")]);

    public static readonly FuzzKind[] All =
    [
        Integer("long", "0L", "-1L", "long.MinValue", "long.MaxValue", "1234567890123L"),
        Integer("int", "int.MinValue", "int.MaxValue", "-7"),
        Integer("short", "short.MinValue", "short.MaxValue"),
        Integer("sbyte", "sbyte.MinValue", "(sbyte)5"),
        Integer("byte", "byte.MaxValue", "(byte)0"),
        Integer("nint", "nint.MinValue", "nint.MaxValue", "(nint)(-2)"),
        Integer("ulong", "ulong.MaxValue", "0UL", "9223372036854775808UL"),
        Integer("uint", "uint.MaxValue", "3U"),
        Integer("ushort", "ushort.MaxValue"),
        Integer("nuint", "nuint.MaxValue", "(nuint)0"),
        new("global::System.Int128", false, ["(global::System.Int128)long.MinValue", "(global::System.Int128)(-1)", "(global::System.Int128)long.MaxValue"], []),
        new("global::System.UInt128", false, ["(global::System.UInt128)ulong.MaxValue", "(global::System.UInt128)0UL"], []),
        new("bool", false, ["true", "false"], [("true", "true")]),
        new("global::FuzzEnums.Color", false,
            ["global::FuzzEnums.Color.@class", "(global::FuzzEnums.Color)(-3)", "(global::FuzzEnums.Color)1", "(global::FuzzEnums.Color)42", "(global::FuzzEnums.Color)123456"],
            [("global::FuzzEnums.Color.Green", "global::FuzzEnums.Color.Green")], IsEnum: true),
        new("global::FuzzEnums.Wide", false, ["global::FuzzEnums.Wide.Max", "(global::FuzzEnums.Wide)5UL"], [], IsEnum: true),
        new("global::FuzzEnums.Tiny", false, ["global::FuzzEnums.Tiny.Neg", "global::FuzzEnums.Tiny.Pos", "(global::FuzzEnums.Tiny)0"], [], IsEnum: true),
        new("global::FuzzEnums.Perm", false, ["global::FuzzEnums.Perm.Read | global::FuzzEnums.Perm.Exec", "(global::FuzzEnums.Perm)(-1)"], [], IsEnum: true, IsFlags: true),
        new("double", false, ["double.MaxValue", "double.Epsilon", "double.NegativeInfinity", "-0.5", "1e-300"], [("1.5", "1.5")]),
        new("float", false, ["float.MaxValue", "float.Epsilon", "float.PositiveInfinity", "-1.25f"], []),
        new("global::System.Half", false, ["global::System.Half.MaxValue", "global::System.Half.Epsilon", "global::System.Half.NegativeInfinity", "(global::System.Half)1.5"], []),
        new("decimal", false, ["decimal.MaxValue", "decimal.MinValue", "12.50m", "-0.0000000000000000000000000001m", "0m"], [("\"12.50\"", "12.50m")]),
        new("char", false, ["'\\0'", "'é'", "'x'", "'\\uFFFD'", "'\"'"], [("'x'", "'x'")]),
        new("string", true,
            ["\"\"", "\"héllo wörld\"", "\"\\0nul\"", "\"\\U0001F600 emoji\"", "\"quote \\\" and \\\\ backslash\"", "\"line\\nbreak\"", "\"名前\"", "new string('x', 20000)"],
            [("\"[?]\"", "\"[?]\"")]),
        new("global::System.DateTime", false,
            ["global::System.DateTime.MinValue", "global::System.DateTime.MaxValue",
             "new global::System.DateTime(2024, 2, 29, 23, 59, 59, global::System.DateTimeKind.Utc).AddTicks(1234567)"],
            [("\"2024-01-31 12:00:00\"", "new global::System.DateTime(2024, 1, 31, 12, 0, 0, global::System.DateTimeKind.Utc)")]),
        new("global::System.DateTimeOffset", false,
            ["global::System.DateTimeOffset.MinValue", "global::System.DateTimeOffset.MaxValue",
             "new global::System.DateTimeOffset(2024, 2, 29, 23, 59, 59, global::System.TimeSpan.FromHours(14)).AddTicks(1)",
             "new global::System.DateTimeOffset(2000, 1, 1, 0, 0, 0, global::System.TimeSpan.FromHours(-14))"],
            []),
        new("global::System.TimeSpan", false,
            ["global::System.TimeSpan.MinValue", "global::System.TimeSpan.MaxValue", "global::System.TimeSpan.FromTicks(-1)", "new global::System.TimeSpan(1, 2, 3, 4, 500)"],
            [("\"01:30:00\"", "new global::System.TimeSpan(1, 30, 0)")]),
        new("global::System.Guid", false, ["global::System.Guid.Empty", "new global::System.Guid(\"6f9619ff-8b86-d011-b42d-00c04fc964ff\")"],
            [("\"6f9619ff-8b86-d011-b42d-00c04fc964ff\"", "new global::System.Guid(\"6f9619ff-8b86-d011-b42d-00c04fc964ff\")")]),
        new("byte[]", true, ["new byte[0]", "new byte[] { 0, 1, 255 }", "new byte[40000]"], []),
        new("global::System.ReadOnlyMemory<byte>", false, ["new byte[0]", "new byte[] { 7, 0, 7 }", "new byte[40000]"], []),
    ];
}
