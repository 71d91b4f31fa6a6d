using System.Reflection;
using System.Runtime.Loader;
using EventDb.Generators.Parsing;
using SQLitePCL;

namespace EventDb.Generators.Tests;

/// <summary>
/// EVDB018's limit is the bundled SQLite's, and the widest event it accepts works: a table of 2000 columns, and a child
/// whose rows read back 2000 (its base's and its own), round-trip through a real file with a real logger.
/// </summary>
public sealed class ColumnLimitTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void BundledSqlite_ColumnLimit_IsTheOneTheGeneratorChecks()
    {
        Batteries_V2.Init();
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_open(":memory:", out var db));
        using (db)
        {
            Assert.Equal(EventTableParser.MaxColumns, raw.sqlite3_limit(db, raw.SQLITE_LIMIT_COLUMN, -1));
            string Create(string name, int columns) => "CREATE TABLE " + name + " (" + string.Join(", ", Enumerable.Range(0, columns).Select(i => "c" + i)) + ")";
            Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(db, Create("widest", EventTableParser.MaxColumns)));
            Assert.Equal(raw.SQLITE_ERROR, raw.sqlite3_exec(db, Create("too_wide", EventTableParser.MaxColumns + 1)));
        }
    }

    [Fact]
    public void WidestTables_RoundTripThroughAFile()
    {
        static string Members(string prefix, int count) => string.Concat(Enumerable.Range(0, count).Select(i => $"public long {prefix}{i} {{ get; init; }} "));
        static string Values(string prefix, int count, string seed) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"{prefix}{i} = {seed} * 10000 + {i}"));
        var source = $$"""
            using EventDb;
            namespace Wide;
            [EventTable("flat")] public partial record struct Flat { {{Members("F", 1999)}} }
            [EventBase("base")] public partial record struct Base { {{Members("B", 999)}} }
            [EventTable("child", Base = typeof(Base))] public partial record struct Child { {{Members("C", 1000)}} }
            public static class Driver
            {
                public static string Run(string directory)
                {
                    using var log = EventLogger.Open(new EventLoggerOptions { Directory = directory, CommitOnExit = false });
                    for (long k = 0; k < 20; k++)
                    {
                        log.Add(new Flat { {{Values("F", 1999, "k")}} });
                        log.Add(new Child { {{Values("B", 999, "k")}}, {{Values("C", 1000, "k")}} });
                    }
                    log.Flush();
                    var flat = log.ReadAll<Flat>();
                    var child = log.ReadAll<Child>();
                    return $"{flat.Count} {child.Count} {flat[19].F0} {flat[19].F1998} {child[19].B0} {child[19].B998} {child[19].C0} {child[19].C999}";
                }
            }
            """;
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilerWarningsAndErrors);
        using var image = new MemoryStream();
        Assert.True(result.Output.Emit(image).Success);
        image.Position = 0;
        var context = new AssemblyLoadContext("EventDbWide", isCollectible: true);
        try
        {
            var driver = context.LoadFromStream(image).GetType("Wide.Driver", throwOnError: true)!;
            Assert.Equal("20 20 190000 191998 190000 190998 190000 190999", driver.GetMethod("Run")!.Invoke(null, [_directory.Path]));
        }
        finally
        {
            context.Unload();
        }
    }
}
