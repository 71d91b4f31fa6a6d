using System.Globalization;

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
        Assert.Single(result.RunResult.GeneratedSources, s => GeneratorResult.HintNameOf(s.HintName) == "Tests.Third");
    }

    [Fact]
    public void Table_ClaimedBySameNamedTypesOfTwoNamespaces_NamesEachByItsNamespace()
    {
        var source = """
            using EventDb;
            namespace Left { [EventTable("dup")] public partial record struct Schema { public long A { get; init; } } }
            namespace Right { [EventTable("dup")] public partial record struct Schema { public long B { get; init; } } }
            """;
        var result = Run(source);
        var messages = result.GeneratorDiagnostics.Where(d => d.Id == "EVDB007").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).Order();
        Assert.Equal(
            ["Table 'dup' is claimed by more than one type ('Left.Schema' and 'Right.Schema')",
             "Table 'dup' is claimed by more than one type ('Right.Schema' and 'Left.Schema')"],
            messages);
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
            Assert.Contains("WriteAName(ref writer, row.A ?? global::System.ConsoleColor.Red);", result.Source("Tests.T"), StringComparison.Ordinal);
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
        Assert.Contains("new(\"a\", global::EventDb.Metadata.ColumnType.Integer, false, \"System.ConsoleColor\")", result.Source("Tests.T"), StringComparison.Ordinal);
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
    [InlineData("[EventTable(\"t\")] file partial record struct Local { public long A { get; init; } }", "Local", "declared 'file'")]
    [InlineData("file partial class Outer { [EventTable(\"t\")] public partial record struct Local { public long A { get; init; } } }", "Local", "nested in 'Outer', which is declared 'file'")]
    [InlineData("[EventBase(\"t\")] file partial record struct Local { public long A { get; init; } }", "Local", "declared 'file'")]
    public void Type_FileLocal_ReportsEvdb015(string declaration, string spanText, string why)
    {
        var source = Usings + declaration;
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB015", source, spanText);
        Assert.Contains("Local' is " + why, d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.RunResult.GeneratedSources);
        Assert.Empty(result.CompilerWarningsAndErrors);
    }

    [Theory]
    [InlineData("public long Schema { get; init; }", "Schema", "Member 'Schema'")]
    [InlineData("[NotMapped] public long Schema { get; init; }", "Schema", "Member 'Schema'")]
    [InlineData("public static int Schema() => 1;", "Schema", "Member 'Schema'")]
    [InlineData("private long Schema;", "Schema", "Member 'Schema'")]
    [InlineData("public enum Schema { A }", "Schema", "Member 'Schema'")]
    public void Member_NamedSchema_ReportsEvdb016(string member, string spanText, string what)
    {
        var source = Usings + "[EventTable(\"t\")] public partial record struct T { public long A { get; init; } " + member + " }";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB016", source, spanText);
        Assert.Equal(what + " has the name of the static property Schema (the table's columns), which EventDb generates into 'T'; rename it", d.GetMessage());
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Theory]
    [InlineData("[EventTable(\"t\")] public partial record struct Schema { public long A { get; init; } }", "Schema", "Event type 'Schema'")]
    [InlineData("[EventBase(\"t\")] public partial record struct Schema { public long A { get; init; } }", "Schema", "Event type 'Schema'")]
    [InlineData("[EventTable(\"t\")] public partial record struct G<Schema> { public long A { get; init; } }", "Schema", "Type parameter 'Schema'")]
    public void TypeOrTypeParameter_NamedSchema_ReportsEvdb016(string declaration, string spanText, string what)
    {
        var source = Usings + declaration;
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB016", source, spanText);
        Assert.StartsWith(what + " has the name of the static property Schema", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Theory]
    [InlineData("public partial record struct Child { public long B { get; init; } public void ProcId() { } }", "ProcId", 1, "Member 'ProcId'")]
    [InlineData("public partial record struct Child { public long B { get; init; } [NotMapped] public long ProcId { get; init; } }", "ProcId", 1, "Member 'ProcId'")]
    [InlineData("public partial record struct ProcId { public long B { get; init; } }", "ProcId", 1, "Event type 'ProcId'")]
    [InlineData("public partial record struct Child<ProcId> { public long B { get; init; } }", "ProcId", 1, "Type parameter 'ProcId'")]
    public void ChildName_TakenByCopiedBaseMember_ReportsEvdb016(string child, string spanText, int occurrence, string what)
    {
        var source = Usings + """
            [EventBase("event")] public partial record struct Event { public long ProcId { get; init; } public static void Helper() { } }
            """ + "\n[EventTable(\"child\", Base = typeof(Event))] " + child;
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB016", source, spanText, occurrence);
        Assert.StartsWith(what + " has the name of the copy of base member 'ProcId' of 'Event', which EventDb generates into", d.GetMessage(), StringComparison.Ordinal);
        Assert.Single(result.GeneratorDiagnostics);
        Assert.DoesNotContain(result.RunResult.GeneratedSources, s => GeneratorResult.HintNameOf(s.HintName) != "Tests.Event");
    }

    [Theory]
    [InlineData("[NotMapped] public required long B { get; init; }", "it is marked [NotMapped]")]
    [InlineData("[NotMapped] public required long B;", "it is marked [NotMapped]")]
    [InlineData("internal required long B { get; init; }", "it is not public")]
    public void RequiredMember_NotMapped_ReportsEvdb017(string member, string why)
    {
        var source = Usings + "[EventTable(\"t\")] internal partial record struct T { public long A { get; init; } " + member + " }";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB017", source, "B");
        Assert.Equal("Member 'B' is required but not stored (" + why + "), so rows cannot be read back into 'T'; store it, or drop 'required'", d.GetMessage());
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Fact]
    public void RequiredMember_Mapped_IsSetByTheReader()
    {
        var source = Usings + "[EventTable(\"t\")] public partial record struct T { public required long A { get; init; } public required string B; }";
        var result = Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilerWarningsAndErrors);
    }

    [Fact]
    public void RequiredMember_NotMappedInABase_IsFine()
    {
        // A base struct is never built from rows; its stored members are copied into each child without 'required'.
        var source = Usings + """
            [EventBase("b")] public partial record struct B { public required long A { get; init; } [NotMapped] public required long Extra { get; init; } }
            [EventTable("c", Base = typeof(B))] public partial record struct C { public long X { get; init; } }
            """;
        var result = Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilerWarningsAndErrors);
    }

    [Theory]
    [InlineData("public long Rowid { get; init; }", "Rowid")]
    [InlineData("public long Oid { get; init; }", "Oid")]
    [InlineData("[Column(\"ROWID\")] public long Other { get; init; }", "\"ROWID\"")]
    [InlineData("[Column(\"_rowid_\")] public long Other { get; init; }", "\"_rowid_\"")]
    public void Column_NamedLikeSqlitesRowid_ReportsEvdb009(string member, string spanText)
    {
        var source = Usings + "[EventTable(\"t\")] public partial record struct T { public long A { get; init; } " + member + " }";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB009", source, spanText);
        Assert.EndsWith("collides with SQLite's rowid, which a column named rowid, oid or _rowid_ hides", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Theory]
    [InlineData("id", "the primary key 'id'")]
    [InlineData("OID", "SQLite's rowid")]
    public void Discriminator_NamedLikeIdOrRowid_ReportsEvdb009(string column, string clash)
    {
        var source = Usings + "[EventBase(\"b\", Discriminator = \"" + column + "\")] public partial record struct B { public long A { get; init; } }\n"
            + "[EventTable(\"c\", Base = typeof(B))] public partial record struct C { public long X { get; init; } }";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB009", source, "Discriminator = \"" + column + "\"");
        Assert.Contains("of member 'Discriminator' collides with " + clash, d.GetMessage(), StringComparison.Ordinal);
        Assert.Single(result.GeneratorDiagnostics);
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    private static string Members(int count, string prefix) =>
        string.Concat(Enumerable.Range(0, count).Select(i => "public long " + prefix + i + " { get; init; } "));

    [Theory]
    [InlineData("EventTable(\"t\")", 1999, false)]
    [InlineData("EventTable(\"t\")", 2000, true)]
    [InlineData("EventBase(\"t\")", 1998, false)]
    [InlineData("EventBase(\"t\")", 1999, true)]
    public void Table_OverSqlitesColumnLimit_ReportsEvdb018(string attribute, int members, bool refused)
    {
        var source = Usings + "[" + attribute + "] public partial record struct Wide { " + Members(members, "C") + "}";
        var result = Run(source);
        if (!refused)
        {
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.Single(result.RunResult.GeneratedSources);
            return;
        }
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB018", source, "Wide");
        Assert.Equal("'Wide' needs 2001 columns in its table (with id" + (attribute.StartsWith("EventBase", StringComparison.Ordinal) ? " and the discriminator)" : ")")
            + ", over SQLite's limit of 2000", d.GetMessage());
        Assert.Empty(result.RunResult.GeneratedSources);
    }

    [Fact]
    public void Child_WithBaseOverSqlitesColumnLimitWhenRead_ReportsEvdb018()
    {
        var source = Usings + "[EventBase(\"b\")] public partial record struct B { " + Members(1000, "B") + "}\n"
            + "[EventTable(\"c\", Base = typeof(B))] public partial record struct C { " + Members(1000, "C") + "}";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB018", source, "C");
        Assert.Equal("'C' needs 2001 columns in each row read back (id, the base table's and its own), over SQLite's limit of 2000", d.GetMessage());
        Assert.DoesNotContain(result.RunResult.GeneratedSources, s => GeneratorResult.HintNameOf(s.HintName) == "Tests.C");
    }

    [Theory]
    [InlineData("internal enum K { X }", "internal", "public", true)]
    [InlineData("public enum K { X }", "public", "public", false)]
    [InlineData("internal enum K { X }", "internal", "internal", false)]
    [InlineData("public partial class Holder { internal enum K { X } }", "internal", "public", true)]
    public void BaseMember_TypeLessAccessibleThanChild_ReportsEvdb019(string enumDeclaration, string baseAccess, string childAccess, bool refused)
    {
        var type = enumDeclaration.Contains("Holder", StringComparison.Ordinal) ? "Holder.K" : "K";
        var source = Usings + enumDeclaration + "\n"
            + "[EventBase(\"b\")] internal partial record struct B { public " + type + " Kind { get; init; } }\n"
            + "[EventTable(\"c\", Base = typeof(B))] " + childAccess + " partial record struct C { public long X { get; init; } }";
        source = source.Replace("internal partial record struct B", baseAccess + " partial record struct B", StringComparison.Ordinal);
        var result = Run(source);
        if (!refused)
        {
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.Empty(result.CompilerWarningsAndErrors);
            return;
        }
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB019", source, "C");
        Assert.Equal("Member 'Kind' of base 'B' has type '" + type + "', which is less accessible than 'C', so it cannot be generated into it; make '" + type + "' at least as accessible as 'C'", d.GetMessage());
        Assert.Empty(result.CompilerWarningsAndErrors);
    }

    [Theory]
    [InlineData("[Obsolete(\"gone\", true)]", "[Obsolete] as an error")]
    [InlineData("[System.Diagnostics.CodeAnalysis.Experimental(\"EX1\")]", "[Experimental]")]
    public void Member_ErrorToUse_ReportsEvdb020(string attribute, string what)
    {
        var source = Usings + "[EventTable(\"t\")] public partial record struct T { public long A { get; init; } " + attribute + " public long B { get; init; } }";
        var result = Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB020", source, "B");
        Assert.Equal("Member 'B' is marked " + what + ", so the generated code that reads and writes it would not compile; mark it [NotMapped]", d.GetMessage());
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
