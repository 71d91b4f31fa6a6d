using System.Globalization;
using System.Text;

namespace EventDb;

/// <summary>Creates declared tables that are missing and refuses files whose tables differ from the declaration.</summary>
internal static class SchemaManager
{
    /// <summary>
    /// Creates or checks <paramref name="tables"/> (and their base tables) in one <c>BEGIN IMMEDIATE</c> transaction,
    /// so concurrent openers never see half a schema.
    /// </summary>
    public static void EnsureTables(SqliteDatabase db, IEnumerable<EventTableSchema> tables)
    {
        var ordered = new List<EventTableSchema>();
        foreach (var table in tables)
        {
            if (table.Base is { } baseTable && !ordered.Contains(baseTable))
                ordered.Add(baseTable);
            if (!ordered.Contains(table))
                ordered.Add(table);
        }
        if (ordered.Count == 0)
            return;

        db.Execute("BEGIN IMMEDIATE");
        try
        {
            foreach (var table in ordered)
            {
                if (TableExists(db, table.Name))
                    Verify(db, table);
                else
                    db.Execute(table.CreateTableSql);
            }
            db.Execute("COMMIT");
        }
        catch
        {
            if (db.InTransaction)
                db.TryExecute("ROLLBACK");
            throw;
        }
    }

    /// <summary>The largest id in any table of the file that has an <c>id</c> column, or 0 for a new file.</summary>
    public static long MaxId(SqliteDatabase db)
    {
        long max = 0;
        foreach (var row in db.QueryText("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"))
        {
            var name = row[0]!;
            bool hasId = db.QueryText($"PRAGMA table_info({Quote(name)})").Exists(c => string.Equals(c[1], "id", StringComparison.OrdinalIgnoreCase));
            if (hasId)
                max = Math.Max(max, db.QueryInt64($"SELECT max(id) FROM {Quote(name)}"));
        }
        return max;
    }

    public static bool TableExists(SqliteDatabase db, string name) =>
        db.QueryInt64($"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '{name.Replace("'", "''", StringComparison.Ordinal)}'") > 0;

    private static void Verify(SqliteDatabase db, EventTableSchema table)
    {
        // PRAGMA table_info: cid, name, type, notnull, dflt_value, pk
        var actual = db.QueryText($"PRAGMA table_info({Quote(table.Name)})")
            .ToDictionary(r => r[1]!, r => (Type: r[2] ?? "", NotNull: r[3] == "1", Pk: r[5] != "0"), StringComparer.OrdinalIgnoreCase);

        var problems = new List<string>();
        var expected = new List<(string Name, string Type, bool NotNull, bool Pk)> { ("id", "INTEGER", true, true) };
        expected.AddRange(table.Columns.Select(c => (c.Name, c.DeclaredType, !c.Nullable, false)));
        foreach (var (name, type, notNull, pk) in expected)
        {
            if (!actual.Remove(name, out var found))
                problems.Add($"missing column {name} {Describe(type, notNull)}");
            else if (!string.Equals(found.Type, type, StringComparison.OrdinalIgnoreCase) || found.NotNull != notNull || found.Pk != pk)
                problems.Add($"column {name} is {Describe(found.Type, found.NotNull)}{(found.Pk ? " PRIMARY KEY" : "")} in the file but declared {Describe(type, notNull)}{(pk ? " PRIMARY KEY" : "")}");
        }
        problems.AddRange(actual.Keys.Select(extra => $"extra column {extra} in the file"));

        if (table.Base is { } baseTable)
        {
            // PRAGMA foreign_key_list: id, seq, table, from, to, ...
            bool hasForeignKey = db.QueryText($"PRAGMA foreign_key_list({Quote(table.Name)})")
                .Exists(fk => string.Equals(fk[2], baseTable.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(fk[3], "id", StringComparison.OrdinalIgnoreCase));
            if (!hasForeignKey)
                problems.Add($"missing FOREIGN KEY(id) REFERENCES {baseTable.Name} (id)");
        }

        if (problems.Count > 0)
        {
            var message = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"Table '{table.Name}' in '{db.Path}' differs from the declared schema: ")
                .AppendJoin("; ", problems)
                .Append(". EventDb does not migrate tables: write to a new file, or drop or rename the table.");
            throw new EventDbSchemaException(message.ToString());
        }
    }

    private static string Describe(string type, bool notNull) => notNull ? $"{type} NOT NULL" : type;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
