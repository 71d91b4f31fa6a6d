using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EventDb.Generators.Emit;
using EventDb.Generators.Model;
using EventDb.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary>
/// An enum with <c>[Column(AsText = true)]</c>: VARCHAR, the member's name (as SQLAlchemy's <c>Enum</c> stores it), or
/// the number as text for a value no member has. The struct gets a switch over the members each way: no reflection.
/// </summary>
internal sealed class EnumNameCodec : ColumnCodec
{
    public override string Id => "EnumName";

    public override string Storage => "Text";

    public override string? ConditionColumn => "TextColumn";

    public override string? TypesShown => null;

    public override string DefaultsShown => "use a value of the member's enum";

    public override bool AsText => true;

    public override bool Accepts(ITypeSymbol type) => type.TypeKind == TypeKind.Enum && !IsFlags(type);

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) => EnumCodec.Literal(value, type, valueType);

    public override EnumSpec Describe(ITypeSymbol type) => DescribeEnum(type);

    /// <summary>An enum's underlying type and members.</summary>
    public static EnumSpec DescribeEnum(ITypeSymbol type)
    {
        var members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue)
            .Select(f => new EnumMemberSpec(f.Name, System.Convert.ToString(f.ConstantValue, CultureInfo.InvariantCulture)));
        var underlying = ((INamedTypeSymbol)type).EnumUnderlyingType!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return new EnumSpec(underlying, new EquatableArray<EnumMemberSpec>([.. members]));
    }

    public override string Write(ColumnSpec column, string value) => "Write" + HelperName(column) + "(ref writer, " + value + ")";

    public override string Read(ColumnSpec column) => "Read" + HelperName(column) + "(reader.Utf8())";

    public override void WriteWriteHelper(SourceWriter w, ColumnSpec column, string writerType)
    {
        w.WriteLine();
        w.WriteLine("// A " + column.ClrTypeName + " as its member's name, or as its number when no member has the value.");
        w.OpenBlock("static void Write" + HelperName(column) + "(ref " + writerType + " writer, " + column.ValueType + " value)");
        w.OpenBlock("switch (value)");
        var written = new HashSet<string>();
        foreach (var member in column.Enum!.Members)
        {
            // Aliases share a value, and a switch may not repeat a case: the first declared name is the stored one.
            if (written.Add(member.Value))
                w.WriteLine("case " + Value(column, member) + ": writer.Utf8(" + CSharpLiteral.String(member.Name) + "u8); break;");
        }
        w.WriteLine("default: writer.Formatted((" + column.Enum.UnderlyingType + ")value, default); break;");
        w.CloseBlock();
        w.CloseBlock();
    }

    public override void WriteReadHelper(SourceWriter w, ColumnSpec column)
    {
        w.WriteLine();
        w.WriteLine("// A " + column.ClrTypeName + " from its member's name (or its number).");
        w.OpenBlock("static " + column.ValueType + " Read" + HelperName(column) + "(global::System.ReadOnlySpan<byte> name)");
        foreach (var member in column.Enum!.Members)
        {
            w.WriteLine("if (global::System.MemoryExtensions.SequenceEqual(name, " + CSharpLiteral.String(member.Name) + "u8)) return "
                + Value(column, member) + ";");
        }
        w.WriteLine("return unchecked((" + column.ValueType + ")" + Code.ColumnText + ".EnumNumber(name, " + CSharpLiteral.String(column.ClrTypeName) + "));");
        w.CloseBlock();
    }

    /// <summary>Why <c>[Column(AsText = true)]</c> cannot apply to a member of <paramref name="type"/>, for EVDB014.</summary>
    public static string Refusal(ITypeSymbol type, string shown) =>
        type.TypeKind != TypeKind.Enum
            ? "its type '" + shown + "' is not an enum"
            : "'" + shown + "' is a [Flags] enum, whose combinations have no single name; store it as INTEGER (without AsText)";

    private static bool IsFlags(ITypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute");

    /// <summary>
    /// A member's value as a cast of its number, not its name: an enum member marked <c>[Obsolete(..., true)]</c> or
    /// <c>[Experimental]</c> is an error to name, and the text literal beside it says which member it is anyway.
    /// </summary>
    private static string Value(ColumnSpec column, EnumMemberSpec member) => Code.Cast(column.ValueType, member.Value);

    private static string HelperName(ColumnSpec column) => column.Member.TrimStart('@') + "Name";
}
