using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Tests;

/// <summary>
/// Declarations a hostile user writes that EventDb supports: each must generate code that compiles without a warning,
/// and never make the generator fail (which would take every type's code with it).
/// </summary>
public class HostileDeclarationTests
{
    private static GeneratorResult AssertCompilesCleanly(params string[] sources)
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(sources));
        Assert.Null(result.RunResult.Exception);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilerWarningsAndErrors);
        return result;
    }

    [Theory]
    [InlineData("Ping", "PING")]
    [InlineData("Größe", "Grüße")]
    [InlineData("Outer.Inner", "Outer_Inner")]
    public void TypeNames_EqualOnceSanitisedOrIgnoringCase_GetOneFileEach(string first, string second)
    {
        string Declare(string name, string table) => name.Contains('.', StringComparison.Ordinal)
            ? "public partial class " + name.Split('.')[0] + " { [EventTable(\"" + table + "\")] public partial record struct " + name.Split('.')[1] + " { public long A { get; init; } } }"
            : "[EventTable(\"" + table + "\")] public partial record struct " + name + " { public long A { get; init; } }";
        var result = AssertCompilesCleanly("using EventDb;\nnamespace N;\n" + Declare(first, "a") + "\n" + Declare(second, "b"));
        var hints = result.RunResult.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Equal(2, hints.Count);
        Assert.Equal(2, hints.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(hints, h => Assert.NotNull(GeneratorResult.HintNameOf(h)));
    }

    [Fact]
    public void HintName_IsStableAcrossRuns()
    {
        // The hash is FNV-1a (64 bits) of the metadata name's UTF-16 bytes, not string.GetHashCode, which differs per
        // process; c972b4b8eaf5d225 for "N.Ping" was computed apart from the generator, in Python.
        var result = GeneratorHarness.Run("using EventDb;\nnamespace N;\n[EventTable(\"a\")] public partial record struct Ping { public long A { get; init; } }");
        Assert.Equal("N.Ping.c972b4b8eaf5d225.EventTable.g.cs", Assert.Single(result.RunResult.GeneratedSources).HintName);
    }

    [Fact]
    public void Type_AttributedOnTwoPartialDeclarations_OnlyTheCompilersErrorAndTheOtherTypesKeepTheirCode()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile([
            "using EventDb;\nnamespace N;\n[EventTable(\"a\")] public partial record struct Twice { public long A { get; init; } }\n"
                + "[EventTable(\"fine\")] public partial record struct Fine { public long A { get; init; } }",
            "using EventDb;\nnamespace N;\n[EventTable(\"b\")] public partial record struct Twice { public long B { get; init; } }",
        ]));
        Assert.Null(result.RunResult.Exception);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal(["N.Fine"], result.RunResult.GeneratedSources.Select(s => GeneratorResult.HintNameOf(s.HintName)));
        Assert.Equal(["CS0579"], result.CompilerWarningsAndErrors.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id));
    }

    [Theory]
    [InlineData("[EventBase(\"b\")] public partial record struct B { public long P { get; init; } public static int Schema => 1; }", "EVDB016")]
    [InlineData("[EventBase(\"b\")] public record struct B { public long P { get; init; } }", "EVDB001")]
    [InlineData("[EventBase(\"b\")] public partial struct B { public long P { get; init; } }", "EVDB002")]
    [InlineData("[EventBase(\"b\"), EventTable(\"b2\")] public partial record struct B { public long P { get; init; } }", "EVDB013")]
    [InlineData("[EventBase(\"b\")] public partial record struct B { public long P { get; init; } }\n[EventTable(\"B\")] public partial record struct Other { public long Q { get; init; } }", "EVDB007")]
    public void Child_OfABaseThatGetsNoCode_GetsNoneEither(string baseDeclaration, string baseError)
    {
        // The child's code names the base's generated Schema: emitted alone it would not compile.
        var result = GeneratorHarness.Run("using EventDb;\nnamespace N;\n" + baseDeclaration
            + "\n[EventTable(\"c\", Base = typeof(B))] public partial record struct C { public long X { get; init; } }");
        Assert.Null(result.RunResult.Exception);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == baseError);
        Assert.DoesNotContain(result.RunResult.GeneratedSources, s => GeneratorResult.HintNameOf(s.HintName) is "N.C" or "N.B");
        Assert.DoesNotContain(result.CompilerWarningsAndErrors, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Child_OfABaseInAnotherAssembly_Compiles()
    {
        var library = GeneratorHarness.Run("using EventDb;\nnamespace Lib;\npublic partial class Holder { [EventBase(\"b\")] public partial record struct B { public long P { get; init; } } }");
        Assert.Empty(library.GeneratorDiagnostics);
        using var image = new MemoryStream();
        Assert.True(library.Output.Emit(image).Success);
        var child = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("App",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("using EventDb;\nnamespace App;\n[EventTable(\"c\", Base = typeof(Lib.Holder.B))] public partial record struct C { public long X { get; init; } }",
                new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest))],
            [.. GeneratorHarness.References, MetadataReference.CreateFromImage(image.ToArray())],
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: Microsoft.CodeAnalysis.NullableContextOptions.Enable));
        var result = GeneratorHarness.Run(child);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilerWarningsAndErrors);
        Assert.Contains("baseTable: global::Lib.Holder.B.Schema,", result.Source("App.C"), StringComparison.Ordinal);
    }

    [Fact]
    public void Child_MemberNamedLikeABasesMethodOrStatic_IsItsOwn()
    {
        // Only a base's stored members are copied into the child; found by the declaration fuzz test (seed 3).
        var result = AssertCompilesCleanly("""
            using EventDb;
            namespace N;
            [EventBase("b")] public partial record struct B { public long P { get; init; } public static int and() => 1; public static long Shared { get; set; } }
            [EventTable("c", Base = typeof(B))] public partial record struct C { public byte and { get; init; } public long Shared { get; init; } }
            """);
        Assert.Contains("and = unchecked((byte)reader.UInt64(byte.MaxValue)),", result.Source("N.C"), StringComparison.Ordinal);
    }

    [Fact]
    public void Type_DeclaredAcrossFiles_MapsTheMembersOfEveryPart()
    {
        var result = AssertCompilesCleanly(
            "using EventDb;\nnamespace N;\n[EventTable(\"split\"), System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]\npublic partial record struct Split { public long A { get; init; } }",
            "namespace N;\npublic partial record struct Split { public string? B { get; init; } }",
            "namespace N;\npartial record struct Split { [EventDb.NotMapped] public long C => A; }");
        var source = result.Source("N.Split");
        Assert.Contains("A = reader.Int64(),", source, StringComparison.Ordinal);
        Assert.Contains("B = reader.TryNull() ? null : reader.Text(),", source, StringComparison.Ordinal);
        Assert.DoesNotContain("C =", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("namespace @class.@event;", "@var", "public long @record { get; init; } public long @async { get; init; } public long nameof { get; init; }")]
    [InlineData("namespace @file.@var;", "@file", "public long @value { get; init; } public long @field { get; init; } public long global { get; init; }")]
    [InlineData("namespace Straße;", "Größe", "[Column(\"weight\")] public long Gewicht\u00e4 { get; init; } public long @int { get; init; }")]
    public void KeywordsAndUnicode_AsNamespaceTypeAndMemberNames_Compile(string ns, string type, string members)
    {
        var result = AssertCompilesCleanly("using EventDb;\n" + ns + "\n[EventTable(\"t\")] public partial record struct " + type + " { " + members + " }");
        Assert.Single(result.RunResult.GeneratedSources);
    }

    [Theory]
    [InlineData("public partial record struct G<TWriter, TReader, TWriter1> { public long A { get; init; } }")]
    [InlineData("public partial record struct G<row, writer, reader, value, name> { public long A { get; init; } }")]
    [InlineData("public partial class O<TReader> { [EventTable(\"t2\")] public partial record struct G<TWriter> { public long A { get; init; } } }")]
    [InlineData("public partial class O<T> { [EventTable(\"t2\")] public partial record struct TWriter { public long A { get; init; } } }")]
    [InlineData("public partial record struct TReader { public long A { get; init; } }")]
    public void TypeParameters_NamedLikeTheGeneratedMethods_Compile(string declaration)
    {
        var source = "using EventDb;\nnamespace N;\n" + (declaration.StartsWith("public partial class", StringComparison.Ordinal) ? "" : "[EventTable(\"t\")] ") + declaration;
        AssertCompilesCleanly(source);
    }

    [Theory]
    [InlineData("[EventTable(\"t\")] public partial record struct Where { public long A { get; init; } }")]
    [InlineData("[EventTable(\"t\")] public partial record struct T { public long A { get; init; } public static int Where() => 1; }")]
    [InlineData("[EventTable(\"t\")] public partial record struct T { public long A { get; init; } [NotMapped] public long Where => A; }")]
    [InlineData("[EventTable(\"t\")] public partial record struct T { public long A { get; init; } public long Where { get; init; } }")]
    [InlineData("[EventTable(\"t\")] public partial record struct T<Where> { public long A { get; init; } }")]
    [InlineData("[EventBase(\"b\")] public partial record struct B { public long Where { get; init; } }\n[EventTable(\"t\", Base = typeof(B))] public partial record struct T { public long A { get; init; } }")]
    public void NameWhere_Taken_TheTypeGoesWithoutTheWhereClass(string declaration)
    {
        var result = AssertCompilesCleanly("using EventDb;\nnamespace N;\n" + declaration);
        Assert.All(result.RunResult.GeneratedSources, s => Assert.DoesNotContain("class Where", s.SourceText.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void ContainingTypesTypeParameter_HiddenByAMember_TheGeneratedCodeStillNamesTheStruct()
    {
        // Found by the declaration fuzz test (seed 19): the generated members spelled the struct's full name, whose
        // Outer<Where> then meant the generated Where class; a member K of the struct likewise hides Outer<K>'s K.
        AssertCompilesCleanly("""
            using EventDb;
            namespace N;
            public partial class Outer<K, Where>
            {
                [EventTable("t")] public partial record struct E
                {
                    public long K { get; init; }
                    public static Where? Make() => default;
                }
            }
            """);
    }

    [Fact]
    public void ContainingTypesTypeParameter_NamedSchema_ReportsEvdb016()
    {
        var source = "using EventDb;\nnamespace N;\npublic partial class Outer<Schema> { [EventTable(\"t\")] public partial record struct E { public long A { get; init; } } }";
        var result = GeneratorHarness.Run(source);
        var d = DiagnosticAssert.At(result.GeneratorDiagnostics, "EVDB016", source, "Schema");
        Assert.StartsWith("Type parameter 'Schema' has the name of the static property Schema", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void PositionalParameter_NamedNameof_TheValidatorStillNamesTheMember()
    {
        // Found by the declaration fuzz test (seed 73): the validator's nameof(Limit) became a call of the parameter.
        var result = AssertCompilesCleanly("using EventDb;\nnamespace N;\n[EventTable(\"t\")] public partial record struct P(int? nameof, string Limit, string @class);");
        Assert.Contains("if (row.Limit is null) Schema.ThrowNotNull(\"limit\", \"Limit\");", result.Source("N.P"), StringComparison.Ordinal);
        Assert.Contains("if (row.@class is null) Schema.ThrowNotNull(\"class\", \"class\");", result.Source("N.P"), StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnMembers_NamedLikeObjectsMembers_WhereClassHidesThemWithoutWarning()
    {
        var result = AssertCompilesCleanly("using EventDb;\nnamespace N;\n[EventTable(\"t\")] public partial record struct T { public new long GetType { get; init; } public new long MemberwiseClone { get; init; } public long Finalize { get; init; } }");
        Assert.Contains("public static new global::EventDb.IntegerColumn GetType { get; }", result.Source("N.T"), StringComparison.Ordinal);
    }

    [Fact]
    public void BaseMembers_NamedLikeObjectsMembers_ChildCopiesHideThemWithoutWarning()
    {
        // Found by the declaration fuzz test (seed 11): the copy of a base member named GetType was CS0108 in the child's file.
        var result = AssertCompilesCleanly("""
            using EventDb;
            namespace N;
            [EventBase("b")] public partial record struct B { public new long GetType { get; init; } public new string? ReferenceEquals { get; init; } }
            [EventTable("c", Base = typeof(B))] public partial record struct C { public long X { get; init; } }
            """);
        Assert.Contains("public new long GetType { get; init; }", result.Source("N.C"), StringComparison.Ordinal);
    }

    [Fact]
    public void Members_Obsolete_CompileWithoutWarnings()
    {
        AssertCompilesCleanly("""
            using System;
            using EventDb;
            namespace N;
            public enum Kind { A, [Obsolete("old")] B, [Obsolete("gone", true)] C }
            [EventTable("t")] public partial record struct T
            {
                [Obsolete] public long A { get; init; }
                [Obsolete("use A")] public long B { get; init; }
                [Column(AsText = true)] public Kind K { get; init; }
            }
            [Obsolete] [EventBase("b")] public partial record struct OldBase { public long P { get; init; } }
            #pragma warning disable CS0612 // the user's own use of the obsolete base
            [EventTable("c", Base = typeof(OldBase))] public partial record struct Child { public long X { get; init; } }
            """);
    }

    [Fact]
    public void EnumStoredByName_WithMembersNamedLikeTheHelpers_Compiles()
    {
        AssertCompilesCleanly("""
            using EventDb;
            namespace N;
            public enum K { WriteKName, ReadKName }
            [EventTable("t")] public partial record struct T
            {
                [Column(AsText = true)] public K K { get; init; }
                [Column(AsText = true)] public K KName { get; init; }
                public static void WriteKName() { }
                public static int ReadKName => 1;
            }
            """);
    }
}
