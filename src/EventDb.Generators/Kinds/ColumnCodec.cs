using EventDb.Generators.Emit;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary>
/// One kind of column, whole: the C# types it stores, its storage class, the code that writes a value to an
/// <c>IRowWriter</c> and reads it from an <c>IRowReader</c>, and which <c>[Column(Default = ...)]</c> values fit. The
/// parser asks <see cref="ColumnCodecs.Find"/> which codec takes a member; the model keeps only its <see cref="Id"/>;
/// the emitter asks <see cref="ColumnCodecs.Get"/> for the code. Codecs are stateless singletons.
/// </summary>
internal abstract class ColumnCodec
{
    /// <summary>The name the model keeps (<see cref="ColumnSpec.Codec"/>).</summary>
    public abstract string Id { get; }

    /// <summary>The <c>EventDb.ColumnType</c> member: <c>Integer</c>, <c>Real</c>, <c>Text</c> or <c>Blob</c>.</summary>
    public abstract string Storage { get; }

    /// <summary>The member types as EVDB004 lists them (<c>DateTime</c>), or null for a codec chosen by an attribute.</summary>
    public abstract string? TypesShown { get; }

    /// <summary>What a default must be, as EVDB010 says it (<c>use a string such as ...</c>).</summary>
    public abstract string DefaultsShown { get; }

    /// <summary>
    /// The <c>EventDb</c> condition column its generated <c>Where</c> member has (<c>IntegerColumn</c>, ...), or null
    /// when values of the kind cannot be compared as stored (bytes, and text that is not the C# value's own text).
    /// </summary>
    public virtual string? ConditionColumn => Storage switch
    {
        "Integer" => "IntegerColumn",
        "Real" => "RealColumn",
        _ => null,
    };

    /// <summary>Whether the member type is a reference type: null is written as NULL without a <c>Nullable&lt;T&gt;</c>.</summary>
    public virtual bool IsReference => false;

    /// <summary>Whether this is the codec of <c>[Column(AsText = true)]</c> rather than of the plain member.</summary>
    public virtual bool AsText => false;

    /// <summary>Whether a member of <paramref name="type"/> (without <c>?</c>) is stored by this codec.</summary>
    public abstract bool Accepts(ITypeSymbol type);

    /// <summary>The C# expression stored for null, or null when <paramref name="value"/> does not fit <paramref name="type"/>.</summary>
    /// <param name="value">The <c>Default</c> argument: a constant that is neither an error, an array nor null.</param>
    /// <param name="type">The member type without <c>?</c>.</param>
    /// <param name="valueType">Its <c>global::</c>-qualified name.</param>
    public virtual string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) => null;

    /// <summary>What the model must keep about the type beyond its name (an enum's members), or null.</summary>
    public virtual EnumSpec? Describe(ITypeSymbol type) => null;

    /// <summary>The call that writes <paramref name="value"/>: a simple name, or <c>row.X ?? default</c> (see <see cref="Code.Operand"/>).</summary>
    public abstract string Write(ColumnSpec column, string value);

    /// <summary>The expression that reads the column's next value.</summary>
    public abstract string Read(ColumnSpec column);

    /// <summary>
    /// A local function the generated write method needs for this column's <see cref="Write"/>, if any, written at the
    /// end of its body: a local name cannot clash with a member the user declares.
    /// </summary>
    /// <param name="w">The writer, inside the method body.</param>
    /// <param name="column">The column.</param>
    /// <param name="writerType">The method's row-writer type parameter (<c>TWriter</c>).</param>
    public virtual void WriteWriteHelper(SourceWriter w, ColumnSpec column, string writerType)
    {
    }

    /// <summary>A local function the generated read method needs for this column's <see cref="Read"/>, if any.</summary>
    public virtual void WriteReadHelper(SourceWriter w, ColumnSpec column)
    {
    }
}
