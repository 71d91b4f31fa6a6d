using System;
using EventDb.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EventDb.Generators.Kinds;

/// <summary>
/// <c>Guid</c>: VARCHAR of 32 lower-case hex digits, as SQLAlchemy's <c>Uuid</c> stores it on SQLite; Microsoft.Data.Sqlite
/// reads it with <c>GetGuid</c>. (A 16-byte BLOB would be in .NET's mixed byte order, which Python reads as another UUID.)
/// </summary>
internal sealed class GuidCodec : ColumnCodec
{
    public override string Id => "Guid";

    public override string Storage => "Text";

    public override string TypesShown => "Guid";

    public override string DefaultsShown => "use a GUID string such as \"6f9619ff-8b86-d011-b42d-00c04fc964ff\"";

    public override bool Accepts(ITypeSymbol type) => Code.IsSystemType(type, "Guid");

    public override string? DefaultLiteral(TypedConstant value, ITypeSymbol type, string valueType) =>
        value.Value is string s && Guid.TryParse(s, out var g) ? "new global::System.Guid(\"" + g.ToString("D") + "\")" : null;

    public override string Write(ColumnSpec column, string value) => "writer.Formatted(" + value + ", " + Code.ColumnText + ".GuidFormat)";

    public override string Read(ColumnSpec column) => Code.ColumnText + ".ParseGuid(reader.Utf8())";
}
