using EventDb.Metadata;

namespace EventDb.Export.Internals;

/// <summary>
/// Reads a file's tables and declared types and decides how each is exported: which Parquet type each column gets
/// (declared SQL type, refined to UINT64 by a compiled <c>ulong</c>), and which tables are children joined with a base.
/// </summary>
internal static class TablePlanner
{
    public static List<TablePlan> Plan(EventFile file, IReadOnlyDictionary<string, EventTableSchema> known)
    {
        var facts = file.Tables();
        var columns = facts.ToDictionary(t => t.Name, t => ReadColumns(file, t.Name), StringComparer.Ordinal);
        var plans = new List<TablePlan>();
        foreach (var table in facts)
        {
            var own = columns[table.Name];
            string? baseTable = FindBase(file, table.Name, own, columns, known);
            var exported = new List<ExportColumn>();
            if (baseTable is null)
            {
                exported.AddRange(own.Select(c => Column(file, table.Name, c, known)));
            }
            else
            {
                exported.Add(Column(file, table.Name, own.Single(c => c.Name == "id"), known));
                exported.AddRange(columns[baseTable].Where(c => c.Name != "id").Select(c => Column(file, baseTable, c, known)));
                exported.AddRange(own.Where(c => c.Name != "id").Select(c => Column(file, table.Name, c, known)));
            }
            plans.Add(new TablePlan(table.Name, baseTable, exported, table.Rows, own.Any(c => c.Name == "id")));
        }
        return plans;
    }

    private static List<ColumnFacts> ReadColumns(EventFile file, string table) => [.. file.Columns(table)];

    /// <summary>
    /// The base table of a joined-table child: the one its compiled schema names, else the one its <c>id</c> is a
    /// foreign key to (as Penguin's SQLAlchemy models and EventDb declare). Null for a flat table, or when joining would
    /// give two columns one name.
    /// </summary>
    private static string? FindBase(EventFile file, string table, List<ColumnFacts> own, Dictionary<string, List<ColumnFacts>> columns,
        IReadOnlyDictionary<string, EventTableSchema> known)
    {
        if (!own.Any(c => c.Name == "id"))
            return null;
        string? candidate = known.TryGetValue(table, out var schema) && schema.Base is { } b
            ? b.Name
            : file.IdReferences(table);
        if (candidate is null || candidate == table || !columns.TryGetValue(candidate, out var baseColumns) || !baseColumns.Any(c => c.Name == "id"))
            return null;
        var ownNames = own.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return baseColumns.Any(c => c.Name != "id" && ownNames.Contains(c.Name)) ? null : candidate;
    }

    private static ExportColumn Column(EventFile file, string table, ColumnFacts column, IReadOnlyDictionary<string, EventTableSchema> known)
    {
        var kind = AffinityOf(column.DeclaredType) switch
        {
            Affinity.Integer => IsUlong(known, table, column.Name) ? ParquetKind.UInt64 : ParquetKind.Int64,
            Affinity.Real => ParquetKind.Double,
            Affinity.Text => ParquetKind.String,
            Affinity.Blob when column.DeclaredType.Length > 0 => ParquetKind.Binary,
            _ => FromValues(file, table, column.Name),
        };
        // An INTEGER PRIMARY KEY is the rowid: never NULL, whatever its declaration says.
        bool nullable = !column.NotNull && !(column.PrimaryKey && AffinityOf(column.DeclaredType) == Affinity.Integer);
        return new ExportColumn(column.Name, kind, nullable, table, column.DeclaredType.Length > 0 ? column.DeclaredType : "(none)");
    }

    private static bool IsUlong(IReadOnlyDictionary<string, EventTableSchema> known, string table, string column) =>
        known.TryGetValue(table, out var schema) && schema.Columns.Any(c => c.Name == column && c.Type == ColumnType.Integer && c.ClrType is "ulong" or "System.UInt64");

    /// <summary>
    /// A column declared without a type, or with a NUMERIC one, can hold anything: it is typed from the storage classes
    /// its values have. Only integers: INT64; integers and reals: DOUBLE; only blobs: BINARY; otherwise text.
    /// </summary>
    private static ParquetKind FromValues(EventFile file, string table, string column)
    {
        var classes = file.StorageClasses(table, column).Where(t => t != SqlValueType.Null).ToHashSet();
        if (classes.SetEquals([SqlValueType.Integer]))
            return ParquetKind.Int64;
        if (classes.IsSubsetOf([SqlValueType.Integer, SqlValueType.Real]) && classes.Count > 0)
            return ParquetKind.Double;
        if (classes.SetEquals([SqlValueType.Blob]))
            return ParquetKind.Binary;
        return ParquetKind.String;
    }

    private enum Affinity { Integer, Text, Blob, Real, Numeric }

    /// <summary>SQLite's rules for a declared type's affinity (https://sqlite.org/datatype3.html, section 3.1), in their order.</summary>
    private static Affinity AffinityOf(string declared)
    {
        var type = declared.ToUpperInvariant();
        if (type.Contains("INT", StringComparison.Ordinal))
            return Affinity.Integer;
        if (type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("TEXT", StringComparison.Ordinal))
            return Affinity.Text;
        if (type.Contains("BLOB", StringComparison.Ordinal) || type.Length == 0)
            return Affinity.Blob;
        if (type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) || type.Contains("DOUB", StringComparison.Ordinal))
            return Affinity.Real;
        return Affinity.Numeric;
    }
}
