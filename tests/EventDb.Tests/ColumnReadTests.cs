using System.Text;
using EventDb.Penguin;

namespace EventDb.Tests;

/// <summary>
/// What a columnar reader asks of any table through <see cref="EventFile"/> (no SQL of its own): declared columns,
/// the base a child's id references, a column's storage classes, a read of chosen columns joined with a base, and one
/// snapshot for several reads. Real files, written by SQLite itself.
/// </summary>
public sealed class ColumnReadTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private EventFile FileWith(params string[] statements) => _dir.FileWith(statements);

    // Names only quoting reads back: a space, a quote, upper case, a keyword.
    private const string Base = "Base Table";
    private const string Child = "child\"s";

    private static readonly string[] s_joined =
    [
        "CREATE TABLE \"Base Table\" (id INTEGER NOT NULL, type VARCHAR(20) NOT NULL, \"order\" INTEGER, PRIMARY KEY (id))",
        "CREATE TABLE \"child\"\"s\" (id INTEGER NOT NULL, \"Name\" TEXT, loose, PRIMARY KEY (id), FOREIGN KEY(id) REFERENCES \"Base Table\" (id))",
        "INSERT INTO \"Base Table\" VALUES (1, 'child', 10), (2, 'other', 20), (3, 'child', NULL), (5, 'child', 50), (7, 'child', 70)",
        "INSERT INTO \"child\"\"s\" VALUES (7, 'g', x'07'), (1, 'a', 1), (3, NULL, 2.5), (5, 'e', NULL)",
    ];

    [Fact]
    public void Columns_AsDeclared_NoTypeAsEmpty_InTableOrder()
    {
        using var file = FileWith(s_joined);

        Assert.Equal(
            [new ColumnFacts("id", "INTEGER", true, true), new ColumnFacts("type", "VARCHAR(20)", true, false), new ColumnFacts("order", "INTEGER", false, false)],
            file.Columns(Base));
        Assert.Equal(
            [new ColumnFacts("id", "INTEGER", true, true), new ColumnFacts("Name", "TEXT", false, false), new ColumnFacts("loose", "", false, false)],
            file.Columns(Child));
        Assert.Throws<EventDbSchemaException>(() => file.Columns("nope"));
        Assert.Throws<EventDbSchemaException>(() => file.Columns("base table")); // names are exact
    }

    [Fact]
    public void IdReferences_TheBaseAChildsIdIsAForeignKeyTo()
    {
        using var file = FileWith([
            .. s_joined,
            "CREATE TABLE pk_ref (id INTEGER PRIMARY KEY REFERENCES \"Base Table\")", // to the base's primary key, unnamed
            "CREATE TABLE other_ref (id INTEGER PRIMARY KEY, base_id INTEGER REFERENCES \"Base Table\" (id))",
        ]);

        Assert.Equal(Base, file.IdReferences(Child));
        Assert.Equal(Base, file.IdReferences("pk_ref"));
        Assert.Null(file.IdReferences("other_ref")); // a foreign key, but not of its id
        Assert.Null(file.IdReferences(Base));
        Assert.Throws<EventDbSchemaException>(() => file.IdReferences("nope"));
    }

    [Fact]
    public void StorageClasses_WhatTheValuesAre_NotWhatIsDeclared()
    {
        using var file = FileWith([.. s_joined, "CREATE TABLE empty (x)"]);

        Assert.True(file.StorageClasses(Child, "loose").SetEquals([SqlValueType.Integer, SqlValueType.Real, SqlValueType.Blob, SqlValueType.Null]));
        Assert.True(file.StorageClasses(Child, "Name").SetEquals([SqlValueType.Text, SqlValueType.Null]));
        Assert.True(file.StorageClasses(Base, "order").SetEquals([SqlValueType.Integer, SqlValueType.Null]));
        Assert.True(file.StorageClasses(Base, "id").SetEquals([SqlValueType.Integer]));
        Assert.Empty(file.StorageClasses("empty", "x"));
        Assert.Throws<EventDbSchemaException>(() => file.StorageClasses(Child, "nope"));
        Assert.Throws<EventDbSchemaException>(() => file.StorageClasses("nope", "x"));
    }

    [Fact]
    public void OpenColumns_AChildJoinedWithItsBase_InIdOrder_AsSqlReadsIt()
    {
        using var file = FileWith(s_joined);
        TableColumn[] columns = [new(Child, "id"), new(Base, "type"), new(Base, "order"), new(Child, "Name"), new(Child, "loose")];

        using (var cursor = file.OpenColumns(new ColumnRead(Child, columns) { JoinedBase = Base, InIdOrder = true }))
        {
            Assert.Equal(["id", "type", "order", "Name", "loose"], cursor.Columns);
            Assert.Equal(
                "1 child 10 a 1|3 child null null 2.5|5 child 50 e null|7 child 70 g blob:07",
                Rows(cursor));
        }
        // The child alone, without the join.
        using (var cursor = file.OpenColumns(new ColumnRead(Child, [new(Child, "id"), new(Child, "Name")]) { InIdOrder = true }))
            Assert.Equal("1 a|3 null|5 e|7 g", Rows(cursor));
    }

    [Fact]
    public void OpenColumns_RefusesColumnsOfAnotherTable_AndNoColumns()
    {
        using var file = FileWith(s_joined);

        Assert.Throws<ArgumentException>(() => file.OpenColumns(new ColumnRead(Child, [new(Base, "type")])));
        Assert.Throws<ArgumentException>(() => file.OpenColumns(new ColumnRead(Child, [])));
        Assert.Throws<EventDbException>(() => file.OpenColumns(new ColumnRead(Child, [new(Child, "nope")])));
        Assert.Throws<EventDbException>(() => file.OpenColumns(new ColumnRead("nope", [new("nope", "id")])));
    }

    [Fact]
    public void BeginSnapshot_ReadsSeeOneStateOfTheFile_UntilDisposed()
    {
        using var file = FileWith(["PRAGMA journal_mode = WAL", .. s_joined]);
        using var writer = _dir.OpenRaw(readOnly: false);

        var snapshot = file.BeginSnapshot();
        Assert.Equal(4, Count(file, Child));
        writer.Execute("INSERT INTO \"Base Table\" VALUES (9, 'child', 90); INSERT INTO \"child\"\"s\" VALUES (9, 'i', 9)");
        Assert.Equal(4, Count(file, Child));  // the commit came after the snapshot's first read
        Assert.Equal(5, Count(file, Base));   // another table, the same moment
        snapshot.Dispose();
        snapshot.Dispose();                   // harmless twice
        Assert.Equal(5, Count(file, Child));
    }

    private static long Count(EventFile file, string table)
    {
        using var cursor = file.OpenColumns(new ColumnRead(table, [new(table, "id")]));
        long rows = 0;
        while (cursor.Read())
            rows++;
        return rows;
    }

    private static string Rows(SqlCursor cursor)
    {
        var rows = new List<string>();
        while (cursor.Read())
        {
            var values = new string[cursor.Columns.Count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = cursor.TypeOf(i) switch
                {
                    SqlValueType.Integer => cursor.GetInt64(i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    SqlValueType.Real => cursor.GetDouble(i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    SqlValueType.Text => Encoding.UTF8.GetString(cursor.GetUtf8(i)),
                    SqlValueType.Blob => "blob:" + Convert.ToHexString(cursor.GetBytes(i)),
                    _ => "null",
                };
            }
            rows.Add(string.Join(' ', values));
        }
        return string.Join('|', rows);
    }
}
