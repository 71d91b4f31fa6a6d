using System.Text;
using EventDb.Generators.Parsing;

namespace EventDb.Generators.Tests.Fuzz;

/// <summary>A type that contains an event type: re-declared partial around each of its parts.</summary>
internal sealed record FuzzContainer(string Keyword, string Name, string[] TypeParameters)
{
    public string Declaration => Keyword + " " + Name + (TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", TypeParameters) + ">");

    /// <summary>As the driver names it: every type parameter closed with <c>int</c>.</summary>
    public string Closed => Name + (TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", TypeParameters.Select(_ => "int")) + ">");
}

/// <summary>One stored member of a fuzzed event type.</summary>
internal sealed class FuzzMember
{
    public required string Name { get; init; }
    public required FuzzKind Kind { get; init; }
    public required bool Nullable { get; init; }
    public required string Column { get; init; }
    public string? ColumnAttribute { get; init; }
    public (string Attribute, string ReadBack)? Default { get; init; }
    public bool AsText { get; init; }
    public bool Field { get; init; }
    public bool Required { get; init; }

    /// <summary>The member's type as declared: <c>T?</c> when nullable, and in an oblivious type never annotated.</summary>
    public string DeclaredType(bool oblivious) => Kind.Type + (Nullable && !(oblivious && Kind.IsReference) ? "?" : "");

    /// <summary>Whether the column takes NULL: a nullable member without a default, or any reference member of an oblivious type.</summary>
    public bool TakesNull(bool oblivious) => (Nullable || (oblivious && Kind.IsReference)) && Default is null;

    /// <summary>As a parameter of a positional record struct: its attribute aimed at the property it makes.</summary>
    public string Parameter(bool oblivious) =>
        (Attribute() is { } attribute ? "[property: " + attribute + "] " : "") + DeclaredType(oblivious) + " " + Name;

    private string? Attribute()
    {
        if (ColumnAttribute is null && Default is null && !AsText)
            return null;
        var arguments = new List<string>();
        if (ColumnAttribute is not null)
            arguments.Add("\"" + ColumnAttribute + "\"");
        if (Default is { } d)
            arguments.Add("Default = " + d.Attribute);
        if (AsText)
            arguments.Add("AsText = true");
        return "global::EventDb.Column(" + string.Join(", ", arguments) + ")";
    }

    public string Declaration(bool oblivious)
    {
        var attribute = Attribute() is { } a ? "[" + a + "] " : "";
        var modifiers = "public " + (FuzzNames.HidingObjectMembers.Contains(FuzzNames.Raw(Name)) ? "new " : "") + (Required ? "required " : "");
        var body = Field ? ";" : " { get; init; }";
        return attribute + modifiers + DeclaredType(oblivious) + " " + Name + body;
    }
}

/// <summary>One fuzzed <c>[EventTable]</c> or <c>[EventBase]</c> type, its parts, and what the generator should make of it.</summary>
internal sealed class FuzzType
{
    public required string Namespace { get; init; }
    public required FuzzContainer[] Containers { get; init; }
    public required string Name { get; init; }
    public required string[] TypeParameters { get; init; }
    public required string Accessibility { get; init; }
    public required string Table { get; init; }
    public bool IsBase { get; init; }
    public FuzzType? Base { get; init; }
    public string? DiscriminatorColumn { get; init; }
    public string? Discriminator { get; init; }
    public bool Oblivious { get; init; }
    public bool FileLocal { get; init; }
    public bool Positional { get; init; }
    public List<FuzzMember> Members { get; } = [];

    /// <summary>Declarations that are not stored (methods, statics, nested types, [NotMapped] members), for noise and refusals.</summary>
    public List<string> Extras { get; } = [];

    /// <summary>The names the extras declare.</summary>
    public HashSet<string> ExtraNames { get; } = [];

    /// <summary>The EVDB id the declaration is made to get, or null for a valid one.</summary>
    public string? Refusal { get; set; }

    /// <summary>How many partial declarations the members are spread over, each in a file of its own choosing.</summary>
    public int Parts { get; init; } = 1;

    /// <summary>Whether the generator makes code for it: no refusal of its own, and a base (if any) that gets code.</summary>
    public bool Generates => Refusal is null && (Base?.Generates ?? true);

    /// <summary>The stored members a read returns: the base's first.</summary>
    public IEnumerable<FuzzMember> ReadMembers => (Base?.Members ?? []).Concat(Members);

    public string Declaration => Name + (TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", TypeParameters) + ">");

    /// <summary>The closed type as the driver writes it.</summary>
    public string FullName
    {
        get
        {
            var sb = new StringBuilder("global::");
            if (Namespace.Length > 0)
                sb.Append(Namespace).Append('.');
            foreach (var container in Containers)
                sb.Append(container.Closed).Append('.');
            sb.Append(Name);
            if (TypeParameters.Length > 0)
                sb.Append('<').Append(string.Join(", ", TypeParameters.Select(_ => "int"))).Append('>');
            return sb.ToString();
        }
    }

    /// <summary>The source of one partial declaration: the attribute on the first, members dealt out round robin.</summary>
    public string Part(int part)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Oblivious ? "#nullable disable" : "#nullable enable");
        if (Namespace.Length > 0)
            sb.AppendLine("namespace " + Namespace).AppendLine("{");
        foreach (var container in Containers)
            sb.AppendLine(container.Declaration).AppendLine("{");
        if (part == 0)
        {
            var attribute = IsBase ? "[global::EventDb.EventBase(\"" + Table + "\"" : "[global::EventDb.EventTable(\"" + Table + "\"";
            if (IsBase && DiscriminatorColumn is not null)
                attribute += ", Discriminator = \"" + DiscriminatorColumn + "\"";
            if (Base is not null)
                attribute += ", Base = typeof(" + Base.FullName + ")";
            if (Discriminator is not null)
                attribute += ", Discriminator = " + Emit.CSharpLiteral.String(Discriminator);
            sb.AppendLine(attribute + ")]");
            // Fields (and auto-properties' fields) in several declarations have no order under sequential layout: CS0282.
            if (Parts > 1)
                sb.AppendLine("[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Auto)]");
        }
        var positional = Positional && part == 0 ? "(" + string.Join(", ", Members.Where((_, i) => i % Parts == 0).Select(m => m.Parameter(Oblivious))) + ")" : "";
        sb.AppendLine((FileLocal ? "file" : Accessibility) + " partial record struct " + Declaration + positional);
        sb.AppendLine("{");
        for (var i = 0; i < Members.Count; i++)
        {
            if (i % Parts == part && !(Positional && part == 0))
                sb.AppendLine("    " + Members[i].Declaration(Oblivious));
        }
        if (part == Parts - 1)
        {
            foreach (var extra in Extras)
                sb.AppendLine("    " + extra);
        }
        sb.AppendLine("}");
        foreach (var _ in Containers)
            sb.AppendLine("}");
        if (Namespace.Length > 0)
            sb.AppendLine("}");
        sb.AppendLine("#nullable restore");
        return sb.ToString();
    }

    /// <summary>Whether <paramref name="raw"/> is a column name the type or its base already has, or one SQLite or EventDb reserves.</summary>
    public bool ColumnTaken(string raw) =>
        EventTableParser.ReservedColumns().ContainsKey(raw)
        || Members.Any(m => string.Equals(m.Column, raw, StringComparison.OrdinalIgnoreCase))
        || (Base is { } b && (b.ColumnTaken(raw) || string.Equals(b.DiscriminatorColumn ?? "type", raw, StringComparison.OrdinalIgnoreCase)))
        || (IsBase && string.Equals(DiscriminatorColumn ?? "type", raw, StringComparison.OrdinalIgnoreCase));
}
