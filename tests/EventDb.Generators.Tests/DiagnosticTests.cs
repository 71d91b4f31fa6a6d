namespace EventDb.Generators.Tests;

public class DiagnosticTests
{
    private const string Usings = "using System;\nusing EventDb;\nnamespace Tests;\n";

    private static GeneratorResult Run(string source, Microsoft.CodeAnalysis.CSharp.LanguageVersion version = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest)
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile([source], version));
        Assert.Null(result.RunResult.Exception);
        return result;
    }

    private static void AssertNoSourceFor(GeneratorResult result, string typeName) =>
        Assert.DoesNotContain(result.RunResult.GeneratedSources, s => s.HintName.Contains("." + typeName + ".", StringComparison.Ordinal));

    [Fact]
    public void Type_NotPartial_ReportsEvdb001AtIdentifier()
    {
        var source = Usings + """[EventTable("t")] public record struct Plain { public long A { get; init; } }""";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB001", source, "Plain");
        Assert.Contains("'Plain' must be declared partial", d.GetMessage(), StringComparison.Ordinal);
        AssertNoSourceFor(result, "Plain");
    }

    [Theory]
    [InlineData("partial struct")]
    [InlineData("partial class")]
    [InlineData("partial record")]
    [InlineData("partial record class")]
    public void Type_NotRecordStruct_ReportsEvdb002(string declaration)
    {
        var source = Usings + "[EventTable(\"t\")] public " + declaration + " Shape { public long A { get; init; } }";
        var result = Run(source);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB002", source, "Shape");
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Fact]
    public void ContainingType_NotPartial_ReportsEvdb003()
    {
        var source = Usings + """
            public class Outer
            {
                [EventTable("t")] public partial record struct Inner { public long A { get; init; } }
            }
            """;
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB003", source, "Inner");
        Assert.Contains("'Outer'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Theory]
    [InlineData("DateOnly")]
    [InlineData("TimeOnly")]
    [InlineData("Uri")]
    [InlineData("int[]")]
    [InlineData("object")]
    [InlineData("Memory<byte>")]
    public void Member_UnsupportedType_ReportsEvdb004NamingMemberTypeAndWhatMaps(string type)
    {
        var source = Usings + "[EventTable(\"t\")] public partial record struct Bad { public long Ok { get; init; } public " + type + " Price { get; init; } }";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB004", source, "Price");
        Assert.Contains("'Price' has type '" + type + "'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("; use long, int, short, sbyte, byte, nint, ulong, ", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(", decimal, char, string, DateTime, DateTimeOffset, TimeSpan, Guid, byte[] or ReadOnlyMemory<byte>, or mark it [NotMapped]", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Theory]
    [InlineData("\"bad name\"")]
    [InlineData("\"1abc\"")]
    [InlineData("\"sqlite_stat\"")]
    [InlineData("\"SQLITE_x\"")]
    [InlineData("\"\"")]
    [InlineData("\"caf\u00e9\"")]
    [InlineData("null")]
    public void Table_InvalidName_ReportsEvdb005AtArgument(string argument)
    {
        var source = Usings + "[EventTable(" + argument + ")] public partial record struct T { public long A { get; init; } }";
        var result = Run(source);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB005", source, argument);
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Fact]
    public void Column_InvalidName_ReportsEvdb006AtArgument()
    {
        var source = Usings + """[EventTable("t")] public partial record struct T { [Column("bad-name")] public long A { get; init; } }""";
        var result = Run(source);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB006", source, "\"bad-name\"");
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Fact]
    public void Discriminator_InvalidColumnName_ReportsEvdb006AtArgument()
    {
        var source = Usings + """[EventBase("b", Discriminator = "not valid")] public partial record struct B { public long A { get; init; } }""";
        var result = Run(source);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB006", source, "Discriminator = \"not valid\"");
    }

    [Fact]
    public void Table_ClaimedTwice_ReportsEvdb007OnEachAndEmitsNeither()
    {
        var source = Usings + """
            [EventTable("dup")] public partial record struct First { public long A { get; init; } }
            [EventTable("dup")] public partial record struct Second { public long B { get; init; } }
            [EventTable("fine")] public partial record struct Third { public long C { get; init; } }
            """;
        var result = Run(source);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB007", source, "\"dup\"", 0);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB007", source, "\"dup\"", 1);
        Assert.Equal(2, result.GeneratorDiagnostics.Length);
        AssertNoSourceFor(result, "First");
        AssertNoSourceFor(result, "Second");
        Assert.Single(result.RunResult.GeneratedSources, s => s.HintName == "Tests.Third.EventTable.g.cs");
    }

    [Fact]
    public void Table_ClaimedByBaseAndChild_ReportsEvdb007()
    {
        var source = Usings + """
            [EventBase("event")] public partial record struct Event { public long ProcId { get; init; } }
            [EventTable("event", Base = typeof(Event))] public partial record struct Child { public long B { get; init; } }
            """;
        var result = Run(source);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB007", source, "\"event\"", 0);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB007", source, "\"event\"", 1);
    }

    [Theory]
    [InlineData("typeof(NotABase)")]
    [InlineData("typeof(int)")]
    [InlineData("typeof(ClassBase)")]
    public void Base_NotAnEventBaseStruct_ReportsEvdb008AtArgument(string typeOf)
    {
        var source = Usings + """
            public partial record struct NotABase { public long A { get; init; } }
            [EventBase("cb")] public partial class ClassBase { }
            """ + "\n[EventTable(\"child\", Base = " + typeOf + ")] public partial record struct Child { public long B { get; init; } }";
        var result = Run(source);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB008", source, "Base = " + typeOf);
        AssertNoSourceFor(result, "Child");
    }

    [Theory]
    [InlineData("[Column(\"procname\")] public string? Other { get; init; }", "\"procname\"", "column 'procname' of base table 'event'")]
    [InlineData("[Column(\"id\")] public long Other { get; init; }", "\"id\"", "the primary key 'id'")]
    [InlineData("[Column(\"type\")] public string? Other { get; init; }", "\"type\"", "discriminator column 'type'")]
    [InlineData("public long ProcId { get; init; }", "ProcId", "base table 'event'")]
    [InlineData("public long Id { get; init; }", "Id", "the primary key 'id'")]
    public void Column_CollidesWithBaseOrReserved_ReportsEvdb009(string member, string spanText, string clash)
    {
        var source = Usings + """
            [EventBase("event", Discriminator = "type")] public partial record struct Event { public string? Procname { get; init; } public long ProcId { get; init; } }
            """ + "\n[EventTable(\"child\", Base = typeof(Event))] public partial record struct Child { public long B { get; init; } " + member + " }";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB009", source, spanText, source.IndexOf(spanText, StringComparison.Ordinal) < source.IndexOf("Child", StringComparison.Ordinal) ? 1 : 0);
        Assert.Contains(clash, d.GetMessage(), StringComparison.Ordinal);
        AssertNoSourceFor(result, "Child");
    }

    [Fact]
    public void Column_TwoMembersOneName_ReportsEvdb009AtSecond()
    {
        var source = Usings + """[EventTable("t")] public partial record struct T { public long ProcId { get; init; } [Column("proc_id")] public long Other { get; init; } }""";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB009", source, "\"proc_id\"");
        Assert.Contains("member 'ProcId'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("long?", "\"x\"", "use an integer in the type's range")]
    [InlineData("ulong?", "-1", "use an integer in the type's range")]
    [InlineData("byte?", "300", "use an integer in the type's range")]
    [InlineData("string?", "5", "use a string")]
    [InlineData("bool?", "1", "use true or false")]
    [InlineData("byte[]?", "null", "a BLOB takes no default")]
    [InlineData("Half?", "70000", "use a finite number in Half's range")]
    [InlineData("Half?", "double.NaN", "use a finite number in Half's range")]
    [InlineData("decimal?", "\"12,50\"", "use an integer, a finite number or a string such as \"12.50\"")]
    [InlineData("decimal?", "1e30", "use an integer, a finite number or a string such as \"12.50\"")]
    [InlineData("decimal?", "true", "use an integer, a finite number or a string such as \"12.50\"")]
    [InlineData("char?", "\"ab\"", "use a char or a string of one char, not a lone surrogate")]
    [InlineData("char?", "'\\uD800'", "use a char or a string of one char, not a lone surrogate")]
    [InlineData("char?", "65", "use a char or a string of one char, not a lone surrogate")]
    [InlineData("DateTime?", "\"31/01/2024\"", "use a UTC date string such as \"2024-01-31 12:00:00\"")]
    [InlineData("DateTime?", "\"2024-01-31 12:00:00+01:00\"", "use a UTC date string such as \"2024-01-31 12:00:00\"")]
    [InlineData("DateTime?", "0", "use a UTC date string such as \"2024-01-31 12:00:00\"")]
    [InlineData("DateTimeOffset?", "\"2024-02-30 00:00:00+00:00\"", "use a date string such as \"2024-01-31 12:00:00+02:00\"")]
    [InlineData("TimeSpan?", "\"1 hour\"", "use a string such as \"01:30:00\" or \"-1.02:03:04.5\"")]
    [InlineData("TimeSpan?", "60", "use a string such as \"01:30:00\" or \"-1.02:03:04.5\"")]
    [InlineData("Guid?", "\"not-a-guid\"", "use a GUID string such as")]
    [InlineData("Guid?", "0", "use a GUID string such as")]
    [InlineData("ConsoleColor?", "1", "use a value of the member's enum")]
    [InlineData("ConsoleColor?", "DayOfWeek.Monday", "use a value of the member's enum")]
    public void Default_NotFittingMember_ReportsEvdb010AtArgumentSayingWhatFits(string type, string value, string fits)
    {
        var source = Usings + "[EventTable(\"t\")] public partial record struct T { [Column(Default = " + value + ")] public " + type + " A { get; init; } }";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB010", source, "Default = " + value);
        Assert.Contains("does not fit its type '" + type + "': " + fits, d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Theory]
    [InlineData("ConsoleColor?", "ConsoleColor.Red")]
    [InlineData("ConsoleColor?", "DayOfWeek.Monday")]
    public void Default_OnEnumStoredByName_IsCheckedLikeAnyEnumDefault(string type, string value)
    {
        var source = Usings + "[EventTable(\"t\")] public partial record struct T { [Column(Default = " + value + ", AsText = true)] public " + type + " A { get; init; } }";
        var result = Run(source);
        if (value.StartsWith("ConsoleColor", StringComparison.Ordinal))
        {
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.Contains("WriteAName(ref writer, row.A ?? global::System.ConsoleColor.Red);", result.Source("Tests.T.EventTable.g.cs"), StringComparison.Ordinal);
        }
        else
        {
            DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB010", source, "Default = " + value);
        }
    }

    [Theory]
    [InlineData("long", "its type 'long' is not an enum")]
    [InlineData("string?", "its type 'string' is not an enum")]
    [InlineData("DateTime?", "its type 'DateTime' is not an enum")]
    [InlineData("Perm", "'Perm' is a [Flags] enum, whose combinations have no single name; store it as INTEGER (without AsText)")]
    [InlineData("AttributeTargets?", "'AttributeTargets' is a [Flags] enum")]
    public void AsText_OnNonEnumOrFlags_ReportsEvdb014AtArgument(string type, string reason)
    {
        var source = Usings + "[Flags] public enum Perm { Read = 1, Write = 2 }\n"
            + "[EventTable(\"t\")] public partial record struct T { [Column(AsText = true)] public " + type + " A { get; init; } }";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB014", source, "AsText = true");
        Assert.Contains("Member 'A' has [Column(AsText = true)], which stores an enum member by its name, but " + reason, d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Fact]
    public void AsText_False_LeavesTheEnumAnInteger()
    {
        var source = Usings + "[EventTable(\"t\")] public partial record struct T { [Column(AsText = false)] public ConsoleColor A { get; init; } [Column(AsText = false)] public long B { get; init; } }";
        var result = Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains("new(\"a\", global::EventDb.ColumnType.Integer, false, \"System.ConsoleColor\")", result.Source("Tests.T.EventTable.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void LanguageVersion_Below11_ReportsEvdb011()
    {
        var source = Usings + """[EventTable("t")] public partial record struct Old { public long A { get; init; } }""";
        var result = Run(source, Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB011", source, "Old");
        Assert.Contains("10.0", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Theory]
    [InlineData("public long A { get; }")]
    [InlineData("public readonly long A;")]
    public void Member_NotSettable_ReportsEvdb012(string member)
    {
        var source = Usings + "[EventTable(\"t\")] public partial record struct T { " + member + " }";
        var result = Run(source);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB012", source, "A");
    }

    [Fact]
    public void Type_BothTableAndBase_ReportsEvdb013Once()
    {
        var source = Usings + """[EventTable("t")][EventBase("b")] public partial record struct Both { public long A { get; init; } }""";
        var result = Run(source);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB013", source, "Both");
        Assert.Single(result.GeneratorDiagnostics);
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Fact]
    public void Base_WithUnsupportedMember_ReportsOnBaseOnly()
    {
        var source = Usings + """
            [EventBase("event")] public partial record struct Event { public Uri Bad { get; init; } }
            [EventTable("child", Base = typeof(Event))] public partial record struct Child { public long B { get; init; } }
            """;
        var result = Run(source);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB004", source, "Bad");
        Assert.Single(result.GeneratorDiagnostics);
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Theory]
    [InlineData("[EventTable]")]
    [InlineData("[EventTable()]")]
    [InlineData("[EventTable(42)]")]
    [InlineData("[EventTable(\"t\", Base = typeof(Missing))]")]
    [InlineData("[EventTable(\"t\", Base = null)]")]
    [InlineData("[EventTable(\"t\", Discriminator = null)]")]
    [InlineData("[EventTable(\"t\", Base = typeof(System.Collections.Generic.List<>))]")]
    [InlineData("[EventBase(null, Discriminator = null)]")]
    [InlineData("[EventBase]")]
    [InlineData("[EventTable(\"t\")] [Column(Default = typeof(int))]")]
    public void Attribute_Malformed_GeneratorDoesNotThrow(string attribute)
    {
        var source = Usings + attribute + """
             public partial record struct T
            {
                [Column(null)] public long A { get; init; }
                [Column(Default = new[] { 1 })] public long? B { get; init; }
                [Column(Default = Missing.Value)] public long? C { get; init; }
                [Column(AsText = Missing.Value)] public DayOfWeek D { get; init; }
                [Column(AsText = "yes")] public DayOfWeek E { get; init; }
                [Column(Default = Missing.Value, AsText = true)] public DayOfWeek? F { get; init; }
                [Column(Default = new[] { "2024-01-01" })] public DateTime? G { get; init; }
                [Column(Default = null)] public Guid? H { get; init; }
            }
            """;
        var result = Run(source);
        Assert.Null(result.RunResult.Exception);
        Assert.All(result.GeneratorDiagnostics, d => Assert.StartsWith("EVDB", d.Id, StringComparison.Ordinal));
    }
}
