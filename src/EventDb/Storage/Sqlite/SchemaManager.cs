using System.Globalization;
using System.Text;

namespace EventDb;

/// <summary>
/// Brings a file's tables to the declared ones: creates missing tables, adds new nullable columns, and refuses every
/// other difference with an <see cref="EventDbSchemaException"/> before changing anything.
/// </summary>
internal static class SchemaManager
{
    /// <summary>Throws <see cref="EventDbSchemaException"/> when a declared table cannot be brought to its declaration; changes nothing.</summary>
    public static void Check(SqliteDatabase db, IEnumerable<EventTableSchema> tables) => _ = Plan(db, WithBaseTables(tables));

    /// <summary>
    /// Creates <paramref name="tables"/> (and their base tables) or brings them up to date, in one <c>BEGIN IMMEDIATE</c>
    /// transaction, so concurrent openers never see half a schema and a refused file is left as it was.
    /// </summary>
    public static void EnsureTables(SqliteDatabase db, IEnumerable<EventTableSchema> tables)
    {
        var ordered = WithBaseTables(tables);
        if (ordered.Count == 0)
            return;

        db.Execute("BEGIN IMMEDIATE");
        try
        {
            foreach (var statement in Plan(db, ordered))
                db.Execute(statement);
            db.Execute("COMMIT");
        }
        catch
        {
            if (db.InTransaction)
                db.TryExecute("ROLLBACK");
            throw;
        }
    }

    private static List<EventTableSchema> WithBaseTables(IEnumerable<EventTableSchema> tables)
    {
        var ordered = new List<EventTableSchema>();
        foreach (var table in tables)
        {
            if (table.Base is { } baseTable && !ordered.Contains(baseTable))
                ordered.Add(baseTable);
            if (!ordered.Contains(table))
                ordered.Add(table);
        }
        return ordered;
    }

    /// <summary>The statements that bring the file to <paramref name="tables"/>; throws before any runs when one cannot.</summary>
    private static List<string> Plan(SqliteDatabase db, List<EventTableSchema> tables)
    {
        var statements = new List<string>();
        foreach (var table in tables)
        {
            if (SqliteCatalog.HasTable(db, table.Name))
                statements.AddRange(NewColumns(db, table));
            else
                statements.Add(SqliteSql.CreateTable(table));
        }
        return statements;
    }

    /// <summary>
    /// The <c>ALTER TABLE ... ADD COLUMN</c> of each declared nullable column the file lacks (old rows read it as NULL);
    /// throws naming the table and every column that differs otherwise.
    /// </summary>
    private static List<string> NewColumns(SqliteDatabase db, EventTableSchema table)
    {
        var actual = SqliteCatalog.TableInfo(db, table.Name)
            .ToDictionary(r => r[1]!, r => (Type: r[2] ?? "", NotNull: r[3] == "1", Pk: r[5] != "0"), StringComparer.OrdinalIgnoreCase);

        var problems = new List<string>();
        var additions = new List<string>();
        var expected = new List<(string Name, string Type, bool NotNull, bool Pk)> { ("id", "INTEGER", true, true) };
        expected.AddRange(table.Columns.Select(c => (c.Name, SqliteSql.DeclaredType(c.Type), !c.Nullable, false)));
        foreach (var (name, type, notNull, pk) in expected)
        {
            if (!actual.Remove(name, out var found))
            {
                if (notNull)
                    problems.Add($"missing column {name} {Describe(type, notNull)} (a NOT NULL column cannot be added to rows that exist)");
                else
                    additions.Add($"ALTER TABLE {SqliteSql.Quote(table.Name)} ADD COLUMN {SqliteSql.Quote(name)} {type}");
            }
            else if (!string.Equals(found.Type, type, StringComparison.OrdinalIgnoreCase) || found.NotNull != notNull || found.Pk != pk)
            {
                problems.Add($"column {name} is {Describe(found.Type, found.NotNull)}{(found.Pk ? " PRIMARY KEY" : "")} in the file but declared {Describe(type, notNull)}{(pk ? " PRIMARY KEY" : "")}");
            }
        }
        problems.AddRange(actual.Keys.Select(extra => $"column {extra} is in the file but not declared"));

        if (table.Base is { } baseTable)
        {
            // PRAGMA foreign_key_list: id, seq, table, from, to, ...
            bool hasForeignKey = db.QueryText($"PRAGMA foreign_key_list({SqliteSql.Quote(table.Name)})")
                .Exists(fk => string.Equals(fk[2], baseTable.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(fk[3], "id", StringComparison.OrdinalIgnoreCase));
            if (!hasForeignKey)
                problems.Add($"missing FOREIGN KEY(id) REFERENCES {baseTable.Name} (id)");
        }

        if (problems.Count > 0)
        {
            var message = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"Table '{table.Name}' in '{db.Path}' differs from the declared schema: ")
                .AppendJoin("; ", problems)
                .Append(". EventDb adds new nullable columns by itself; for any other change write to a new file, or drop or rename the table. The file was not changed.");
            throw new EventDbSchemaException(message.ToString());
        }
        return additions;
    }

    private static string Describe(string type, bool notNull) => notNull ? $"{type} NOT NULL" : type;
}
