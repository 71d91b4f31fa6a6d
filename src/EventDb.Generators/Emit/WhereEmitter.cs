using System.Linq;
using EventDb.Generators.Kinds;
using EventDb.Generators.Model;
using EventDb.Generators.Parsing;

namespace EventDb.Generators.Emit;

/// <summary>
/// Writes the nested <c>Where</c> class: one typed column member per column a read of the type returns (base columns
/// first), for building conditions without SQL: <c>Syscall.Where.Procname.Contains("httpd")</c>. A struct where the
/// name <c>Where</c> is taken goes without it (<see cref="Model.TypeNamesSpec.WhereClass"/>).
/// </summary>
internal static class WhereEmitter
{
    public const string ClassName = "Where";

    public static void Write(SourceWriter w, EventTableSpec spec)
    {
        var columns = (spec.Base?.Columns.Select(c => (Table: spec.Base.TableName, Column: c)) ?? [])
            .Concat(spec.Columns.Select(c => (Table: spec.TableName, Column: c)))
            .Where(x => ColumnType(x.Column) is not null)
            .ToList();

        w.WriteLine();
        w.WriteLine("/// <summary>The columns of <c>" + spec.TableName + "</c>" + (spec.Base is null ? "" : " and its base table") + ", for conditions: <c>" + ClassName + ".Column.Is(value)</c>.</summary>");
        w.OpenBlock("public static class " + ClassName);
        foreach (var (table, column) in columns)
        {
            w.WriteLine("/// <summary>Column <c>" + table + "." + column.Column + "</c>.</summary>");
            w.WriteLine("public static " + GeneratedMemberNames.NewIfHidingObjectMember(column.Member) + "global::EventDb." + ColumnType(column) + " " + column.Member + " { get; } = new("
                + CSharpLiteral.String(table) + ", " + CSharpLiteral.String(column.Column) + ");");
        }
        w.CloseBlock();
    }

    private static string? ColumnType(ColumnSpec column) => ColumnCodecs.Get(column.Codec).ConditionColumn;
}
