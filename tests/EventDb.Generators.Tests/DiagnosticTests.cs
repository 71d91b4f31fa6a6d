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
    [InlineData("decimal")]
    [InlineData("char")]
    [InlineData("DateTime")]
    [InlineData("int[]")]
    [InlineData("object")]
    public void Member_UnsupportedType_ReportsEvdb004NamingMemberAndType(string type)
    {
        var source = Usings + "[EventTable(\"t\")] public partial record struct Bad { public long Ok { get; init; } public " + type + " Price { get; init; } }";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB004", source, "Price");
        Assert.Contains("'Price'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(type, d.GetMessage(), StringComparison.Ordinal);
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
    [InlineData("long?", "\"x\"")]
    [InlineData("ulong?", "-1")]
    [InlineData("byte?", "300")]
    [InlineData("string?", "5")]
    [InlineData("bool?", "1")]
    [InlineData("byte[]?", "null")]
    public void Default_NotFittingMember_ReportsEvdb010AtArgument(string type, string value)
    {
        var source = Usings + "[EventTable(\"t\")] public partial record struct T { [Column(Default = " + value + ")] public " + type + " A { get; init; } }";
        var result = Run(source);
        DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB010", source, "Default = " + value);
        Assert.Empty(result.RunResult.GeneratedSources);
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
            [EventBase("event")] public partial record struct Event { public decimal Bad { get; init; } }
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
            }
            """;
        var result = Run(source);
        Assert.Null(result.RunResult.Exception);
        Assert.All(result.GeneratorDiagnostics, d => Assert.StartsWith("EVDB", d.Id, StringComparison.Ordinal));
    }
}
