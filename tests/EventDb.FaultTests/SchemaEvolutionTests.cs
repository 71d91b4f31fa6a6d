using System.Security.Cryptography;

namespace EventDb.FaultTests;

/// <summary>
/// A file outlives the code that wrote it: a column the event type gained (nullable) is added and old rows read it as
/// null; a column removed, retyped or newly NOT NULL is refused naming table and columns, the file left byte for byte.
/// </summary>
public sealed class SchemaEvolutionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A file as an older version of the fault events left it: rollback journal, one event written.</summary>
    private void WriteOldFile(string numberedColumns, string numberedRow = "(id, seq) VALUES (1, 41)")
    {
        using var db = _dir.OpenRaw();
        db.Exec(SqliteSql.CreateTable(FaultEvent.Schema));
        db.Exec($"CREATE TABLE numbered (id INTEGER NOT NULL, {numberedColumns}, PRIMARY KEY (id), FOREIGN KEY(id) REFERENCES fault_event (id))");
        db.Exec("INSERT INTO fault_event (id, kind, producer) VALUES (1, 'numbered', 7)");
        db.Exec($"INSERT INTO numbered {numberedRow}");
    }

    private byte[] FileHash() => SHA256.HashData(File.ReadAllBytes(_dir.DbPath));

    [Fact]
    public void NewNullableColumns_AreAddedAndOldRowsReadThemAsNull()
    {
        WriteOldFile("seq INTEGER NOT NULL"); // before Text and Data were declared

        using (var log = EventLogger.Open(_dir.Options() with { Tables = [Numbered.Schema] }))
        {
            log.Add(new Numbered { Producer = 8, Seq = 42, Text = "new", Data = [1, 2] });
            log.Flush();
            var rows = log.ReadAllWithIds<Numbered>();
            Assert.Equal(2, rows.Count);
            Assert.Equal((1L, new Numbered { Producer = 7, Seq = 41, Text = null, Data = null }), (rows[0].Id, rows[0].Event with { Data = null }));
            Assert.Null(rows[0].Event.Data);
            Assert.Equal(2, rows[1].Id); // ids continue after the old file's
            Assert.Equal("new", rows[1].Event.Text);
            Assert.Equal([1, 2], rows[1].Event.Data);
        }
        using var db = _dir.OpenRaw(readOnly: true);
        Assert.Equal([["id"], ["seq"], ["text"], ["data"]], db.Rows("SELECT name FROM pragma_table_info('numbered')"));
        FileChecks.AssertSoundAndUntorn(db, "fault_event", "kind", "numbered");
    }

    [Theory]
    [InlineData("seq VARCHAR NOT NULL, text VARCHAR, data BLOB", "column seq is VARCHAR NOT NULL in the file but declared INTEGER NOT NULL")]
    [InlineData("seq INTEGER NOT NULL, text VARCHAR, data BLOB, gone INTEGER", "column gone is in the file but not declared")]
    [InlineData("seq INTEGER NOT NULL, text VARCHAR NOT NULL, data BLOB", "column text is VARCHAR NOT NULL in the file but declared VARCHAR")]
    [InlineData("text VARCHAR, data BLOB", "missing column seq INTEGER NOT NULL")]
    public void AnyOtherDifference_IsRefusedNamingTableAndColumnAndTheFileIsLeftAsItWas(string oldColumns, string problem)
    {
        WriteOldFile(oldColumns, oldColumns.StartsWith("seq", StringComparison.Ordinal) ? "(id, seq, text) VALUES (1, 41, 'old')" : "(id) VALUES (1)");
        var before = FileHash();

        var ex = Assert.Throws<EventDbSchemaException>(() => EventLogger.Open(_dir.Options() with { Tables = [Numbered.Schema] }));

        Assert.Contains("Table 'numbered'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, FileHash());
        Assert.False(File.Exists(_dir.DbPath + "-wal"), "the refused file was switched to WAL");
    }
}
