using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Diagnostics;

internal static class DiagnosticDescriptors
{
    private const string Category = "EventDb";

    /// <summary>Each diagnostic's help link is this plus its id and <c>.md</c>: one page per id in docs/diagnostics.</summary>
    public const string HelpLinkBase = "https://github.com/eventdb/EventDb/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor TypeNotPartial = Create(
        "EVDB001", "Event type must be partial",
        "'{0}' must be declared partial so EventDb can generate its table members");

    public static readonly DiagnosticDescriptor NotRecordStruct = Create(
        "EVDB002", "Event type must be a record struct",
        "'{0}' must be a 'record struct' to be an EventDb table (it is a {1})");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "EVDB003", "Containing type must be partial",
        "'{0}' contains the event type '{1}' and must be declared partial");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Create(
        "EVDB004", "Unsupported member type",
        "Member '{0}' has type '{1}', which EventDb cannot store; use {2}, or mark it [NotMapped]");

    public static readonly DiagnosticDescriptor InvalidTableName = Create(
        "EVDB005", "Invalid table name",
        "Table name '{0}' is not valid: use letters, digits and underscores, not starting with a digit or 'sqlite_'");

    public static readonly DiagnosticDescriptor InvalidColumnName = Create(
        "EVDB006", "Invalid column name",
        "Column name '{0}' of member '{1}' is not valid: use letters, digits and underscores, not starting with a digit or 'sqlite_'");

    public static readonly DiagnosticDescriptor DuplicateTableName = Create(
        "EVDB007", "Table name claimed twice",
        "Table '{0}' is claimed by more than one type ('{1}' and '{2}')");

    public static readonly DiagnosticDescriptor InvalidBaseType = Create(
        "EVDB008", "Base is not an [EventBase] struct",
        "Base type '{0}' of '{1}' is not a struct marked [EventBase]");

    public static readonly DiagnosticDescriptor DuplicateColumn = Create(
        "EVDB009", "Column collides",
        "Column '{0}' of member '{1}' collides with {2}");

    public static readonly DiagnosticDescriptor InvalidDefault = Create(
        "EVDB010", "Default does not fit the member",
        "Default value {0} of member '{1}' does not fit its type '{2}': {3}");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Create(
        "EVDB011", "C# 13 or later required",
        "EventDb needs C# 13 or later (static abstract interface members, allows ref struct) for '{0}'; the project uses C# {1}");

    public static readonly DiagnosticDescriptor MemberNotSettable = Create(
        "EVDB012", "Member cannot be set",
        "Member '{0}' has no set or init accessor (or is a readonly field), so rows cannot be read back into it; add one or mark it [NotMapped]");

    public static readonly DiagnosticDescriptor BothTableAndBase = Create(
        "EVDB013", "Type is both a table and a base",
        "'{0}' is marked both [EventTable] and [EventBase]; use one");

    public static readonly DiagnosticDescriptor AsTextNotApplicable = Create(
        "EVDB014", "AsText needs an enum without [Flags]",
        "Member '{0}' has [Column(AsText = true)], which stores an enum member by its name, but {1}");

    public static readonly DiagnosticDescriptor FileLocalType = Create(
        "EVDB015", "Event type cannot be file-local",
        "'{0}' is {1}, so the generated members, which live in a file of their own, cannot be part of it; declare it without 'file'");

    public static readonly DiagnosticDescriptor NameTakenByGeneratedMember = Create(
        "EVDB016", "Name taken by a generated member",
        "{0} '{1}' has the name of {2}, which EventDb generates into '{3}'; rename it");

    public static readonly DiagnosticDescriptor RequiredMemberNotMapped = Create(
        "EVDB017", "Required member is not mapped",
        "Member '{0}' is required but not stored ({1}), so rows cannot be read back into '{2}'; store it, or drop 'required'");

    public static readonly DiagnosticDescriptor TooManyColumns = Create(
        "EVDB018", "Too many columns",
        "'{0}' needs {1} columns in {2}, over SQLite's limit of {3}");

    public static readonly DiagnosticDescriptor BaseMemberTypeLessAccessible = Create(
        "EVDB019", "Base member's type is less accessible than the child",
        "Member '{0}' of base '{1}' has type '{2}', which is less accessible than '{3}', so it cannot be generated into it; make '{2}' at least as accessible as '{3}'");

    public static readonly DiagnosticDescriptor MemberUnusable = Create(
        "EVDB020", "Member is an error to use",
        "Member '{0}' is marked {1}, so the generated code that reads and writes it would not compile; mark it [NotMapped]");

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
