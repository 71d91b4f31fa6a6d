using System;
using System.Collections.Generic;
using System.Linq;
using EventDb.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Parsing;

/// <summary>
/// The names the generated code declares inside an event struct, held against every name the user declares there: the
/// type's own (no member may share it, CS0542), its type parameters and its containing types' (which a member of the
/// struct would hide), and its members. <c>Schema</c> is always generated, and a child gets a copy of each stored base
/// member: a clash with either is EVDB016. The nested <c>Where</c> class is
/// optional, so a type whose names take <c>Where</c> simply goes without it. The generated methods' own type parameters
/// and helpers are named so they cannot clash (see <see cref="FreeTypeParameterName"/>).
/// </summary>
internal static class GeneratedMemberNames
{
    public const string Schema = "Schema";
    public const string Where = "Where";

    /// <summary>
    /// Reports EVDB016 for the type's name, each type parameter and each member named like a key of
    /// <paramref name="generated"/> (the value says what is generated under it), except members
    /// <paramref name="reportedElsewhere"/> already covers.
    /// </summary>
    public static void Check(
        INamedTypeSymbol type,
        Location typeLocation,
        string typeName,
        IReadOnlyDictionary<string, string> generated,
        Func<ISymbol, bool> reportedElsewhere,
        List<Diagnostic> diagnostics)
    {
        if (generated.TryGetValue(type.Name, out var what))
            Report("Event type", type.Name, typeLocation, what);
        // The containing types' type parameters too: inside the struct the generated member would hide them.
        foreach (var parameter in TypeParametersInScope(type))
        {
            if (generated.TryGetValue(parameter.Name, out what))
                Report("Type parameter", parameter.Name, parameter.Locations.FirstOrDefault() ?? typeLocation, what);
        }
        foreach (var member in type.GetMembers())
        {
            if (!member.IsImplicitlyDeclared && generated.TryGetValue(member.Name, out what) && !reportedElsewhere(member))
                Report("Member", member.Name, member.Locations.FirstOrDefault() ?? typeLocation, what);
        }

        void Report(string kind, string name, Location location, string generatedMember) =>
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NameTakenByGeneratedMember, location, kind, name, generatedMember, typeName));
    }

    /// <summary>The generated <c>Schema</c>, as EVDB016 names it.</summary>
    public static IReadOnlyDictionary<string, string> SchemaProperty { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { [Schema] = "the static property Schema (the table's columns)" };

    /// <summary>Whether the nested <c>Where</c> class can be generated: nothing in the struct, nor a copied base member, is named <c>Where</c>.</summary>
    public static bool WhereIsFree(INamedTypeSymbol type, IEnumerable<string> copiedMembers) =>
        type.Name != Where
        && TypeParametersInScope(type).All(p => p.Name != Where)
        && type.GetMembers(Where).IsEmpty
        && !copiedMembers.Contains(Where);

    /// <summary>The type parameters of the struct and of every type containing it.</summary>
    private static IEnumerable<ITypeParameterSymbol> TypeParametersInScope(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            foreach (var parameter in t.TypeParameters)
                yield return parameter;
        }
    }

    // Members of object (and ValueType) that a generated member of the same name hides: CS0108 without 'new'.
    private static readonly HashSet<string> s_objectMembers = new(StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "GetType", "MemberwiseClone", "ReferenceEquals", "ToString",
    };

    /// <summary><c>"new "</c> for a generated member named like one of object's (a copied base member, a <c>Where</c> column), else "".</summary>
    public static string NewIfHidingObjectMember(string member) => s_objectMembers.Contains(member) ? "new " : "";

    /// <summary>
    /// <paramref name="preferred"/> (<c>TWriter</c>), or it with a number, so that it is neither a type parameter of the
    /// struct or a type containing it (CS0693) nor the struct's own name, by which the method's signature names it.
    /// </summary>
    public static string FreeTypeParameterName(INamedTypeSymbol type, string preferred)
    {
        // The struct's own name too: the methods' signatures name the struct by it.
        var taken = new HashSet<string>(TypeParametersInScope(type).Select(p => p.Name), StringComparer.Ordinal) { type.Name };
        var name = preferred;
        for (var i = 1; taken.Contains(name); i++)
            name = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name;
    }
}
