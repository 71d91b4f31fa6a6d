namespace EventDb.Generators.Model;

/// <summary>What kind of table a struct declares.</summary>
internal enum TableKind
{
    /// <summary><c>[EventTable]</c> without a base: one row per event.</summary>
    Flat,

    /// <summary><c>[EventTable(Base = ...)]</c>: a child row joined to a base row by id.</summary>
    Child,

    /// <summary><c>[EventBase]</c>: the root of a joined-table family; schema only.</summary>
    Base,
}

/// <summary>One event struct, reduced to the strings the emitter writes.</summary>
/// <remarks>Cached by the incremental driver: keep every member immutable and value-equal.</remarks>
/// <param name="Kind">Flat, child or base table.</param>
/// <param name="Names">How the generated source names the struct, its file and its own type parameters.</param>
/// <param name="TableName">The SQLite table name.</param>
/// <param name="Columns">The struct's own columns in declaration order (for a base table: without the discriminator).</param>
/// <param name="Base">The base table of a child, or null.</param>
/// <param name="DiscriminatorColumn">For a base table: the discriminator column name.</param>
/// <param name="AutoLayout">Whether to declare <c>LayoutKind.Auto</c>: copied base members add fields in a second declaration, which is warning CS0282 under sequential layout.</param>
internal sealed record EventTableSpec(
    TableKind Kind,
    TypeNamesSpec Names,
    string TableName,
    EquatableArray<ColumnSpec> Columns,
    BaseTableSpec? Base,
    string? DiscriminatorColumn,
    bool AutoLayout)
{
    public string TypeName => Names.TypeName;

    public string FullTypeName => Names.FullTypeName;

    public string HintName => Names.HintName;
}

/// <summary>The names the generated source gives the struct and declares around and inside it.</summary>
/// <remarks>Cached by the incremental driver: keep every member immutable and value-equal.</remarks>
/// <param name="Namespace">The containing namespace as declared (keywords escaped), or "" for the global namespace.</param>
/// <param name="ContainingTypes">The containing types, outermost first, as partial declarations.</param>
/// <param name="TypeName">The type's name as declared, with type parameters (<c>Syscall</c>, <c>Foo&lt;T&gt;</c>).</param>
/// <param name="FullTypeName">The <c>global::</c>-qualified type.</param>
/// <param name="HintName">The hint name of the generated file, unique by construction.</param>
/// <param name="WriterTypeParameter">The writer methods' type parameter (<c>TWriter</c>), named unlike every type parameter in scope.</param>
/// <param name="ReaderTypeParameter">The reader method's type parameter (<c>TReader</c>), likewise.</param>
/// <param name="WhereClass">Whether the nested <c>Where</c> class is generated: no name in the struct is <c>Where</c>.</param>
internal sealed record TypeNamesSpec(
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string TypeName,
    string FullTypeName,
    string HintName,
    string WriterTypeParameter,
    string ReaderTypeParameter,
    bool WhereClass);

/// <summary>A containing type, re-declared as <c>partial</c> around the generated members.</summary>
/// <remarks>Cached by the incremental driver: keep every member immutable and value-equal.</remarks>
/// <param name="Keyword">The declaration keyword(s): <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>, <c>interface</c>.</param>
/// <param name="Name">The name with type parameters.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);

/// <summary>The base table a child is joined to, with the members that are copied into the child.</summary>
/// <remarks>Cached by the incremental driver: keep every member immutable and value-equal.</remarks>
/// <param name="FullTypeName">The <c>global::</c>-qualified base struct.</param>
/// <param name="HintName">The base's generated file: a child whose base gets no code gets none either.</param>
/// <param name="TableName">The base table name.</param>
/// <param name="DiscriminatorColumn">The base table's discriminator column.</param>
/// <param name="Discriminator">The value this child writes into it.</param>
/// <param name="Columns">The base columns after the discriminator, in declaration order.</param>
internal sealed record BaseTableSpec(
    string FullTypeName,
    string HintName,
    string TableName,
    string DiscriminatorColumn,
    string Discriminator,
    EquatableArray<ColumnSpec> Columns);

/// <summary>One mapped member and its column.</summary>
/// <remarks>Cached by the incremental driver: keep every member immutable and value-equal.</remarks>
/// <param name="Member">The member name as a C# identifier (keywords escaped with <c>@</c>).</param>
/// <param name="Column">The column name.</param>
/// <param name="Codec">The <c>Kinds.ColumnCodec.Id</c> of the codec that writes and reads it.</param>
/// <param name="ValueType">The <c>global::</c>-qualified member type without <c>?</c> (the cast target on read).</param>
/// <param name="MemberType">The member type as re-declared in a child struct, with <c>?</c> when nullable.</param>
/// <param name="MemberNullable">Whether the member can hold null (<c>Nullable&lt;T&gt;</c>, annotated or oblivious reference).</param>
/// <param name="ColumnNullable">Whether the column accepts NULL (nullable member without a default).</param>
/// <param name="DefaultLiteral">The C# expression stored when the member is null, or null.</param>
/// <param name="Enum">For an enum: its underlying type and members; otherwise null.</param>
internal sealed record ColumnSpec(
    string Member,
    string Column,
    string Codec,
    string ValueType,
    string MemberType,
    bool MemberNullable,
    bool ColumnNullable,
    string? DefaultLiteral,
    EnumSpec? Enum = null)
{
    /// <summary>The member type as a user writes it: a C# keyword or the full name, without <c>global::</c>.</summary>
    public string ClrTypeName => ValueType.StartsWith("global::", System.StringComparison.Ordinal) ? ValueType.Substring("global::".Length) : ValueType;
}

/// <summary>An enum member's type: its underlying type and its members, in declaration order.</summary>
/// <remarks>Cached by the incremental driver: keep every member immutable and value-equal.</remarks>
/// <param name="UnderlyingType">The underlying integer type as C# (<c>byte</c>), the number's type for a value without a name.</param>
/// <param name="Members">Each member's name and value; aliases (one value, two names) keep declaration order.</param>
internal sealed record EnumSpec(string UnderlyingType, EquatableArray<EnumMemberSpec> Members);

/// <summary>One member of an enum stored by name.</summary>
/// <remarks>Cached by the incremental driver: keep every member immutable and value-equal.</remarks>
/// <param name="Name">The member's name as declared (without <c>@</c>): the stored text.</param>
/// <param name="Value">Its value as invariant digits.</param>
internal sealed record EnumMemberSpec(string Name, string Value);

/// <summary>A table name claimed by one attribute of a type, collected across the compilation to find duplicates.</summary>
/// <remarks>Cached by the incremental driver: keep every member immutable and value-equal.</remarks>
/// <param name="TableName">The table name, or null when it is not a valid one (EVDB005 is the type's own parse's).</param>
/// <param name="TypeName">The type with its namespace: two claimants may share a simple name.</param>
/// <param name="HintName">The type's generated file: one per type, so two claims with one hint name are one type attributed twice.</param>
/// <param name="Location">The attribute's table argument, or the type's identifier.</param>
internal sealed record TableClaimSpec(string? TableName, string TypeName, string HintName, LocationSnapshot? Location);

/// <summary>What the claims across the compilation rule out.</summary>
/// <remarks>Cached by the incremental driver: keep every member immutable and value-equal.</remarks>
/// <param name="DuplicateTables">The claims of tables claimed by more than one type, for EVDB007.</param>
/// <param name="SkippedHintNames">The hint names of types that get no code: those claims', and types attributed twice.</param>
internal sealed record ClaimConflictsSpec(EquatableArray<TableClaimSpec> DuplicateTables, EquatableArray<string> SkippedHintNames);
