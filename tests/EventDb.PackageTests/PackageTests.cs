using System.IO.Compression;
using System.Xml.Linq;
using SQLitePCL;
using Xunit.Abstractions;

namespace EventDb.PackageTests;

/// <summary>What a NuGet user of EventDb gets: the package's files, and a fresh project that references only it.</summary>
public sealed class PackageTests : IClassFixture<PackedPackage>
{
    private const int Samples = 1000;
    private const int Opens = 500;

    private readonly PackedPackage _package;
    private readonly ITestOutputHelper _output;

    public PackageTests(PackedPackage package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
    }

    [Fact]
    public void Nupkg_Packed_CarriesGeneratorDocsReadmeAndLicence_DependsOnRuntimePackagesOnly()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        string listing = string.Join('\n', entries.Order(StringComparer.Ordinal));
        _output.WriteLine($"{Path.GetFileName(_package.PackagePath)}:\n{listing}");

        Assert.True(entries.Contains("analyzers/dotnet/cs/EventDb.Generators.dll"), listing);
        Assert.True(entries.Contains("lib/net10.0/EventDb.dll"), listing);
        Assert.True(entries.Contains("lib/net10.0/EventDb.xml"), listing);
        Assert.True(entries.Contains("README.md"), listing);
        Assert.True(entries.Contains("LICENSE"), listing);
        // The generator is an analyzer only, never a library the consumer compiles against.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));

        var nuspecEntry = Assert.Single(zip.Entries, e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        XDocument nuspec;
        using (var stream = nuspecEntry.Open())
            nuspec = XDocument.Load(stream);
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Meta(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

        Assert.Equal("EventDb", Meta("id"));
        Assert.Equal(_package.Version, Meta("version"));
        Assert.Equal("README.md", Meta("readme"));
        Assert.Equal("MIT", Meta("license"));
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string?)e.Attribute("id") ?? "").ToHashSet(StringComparer.Ordinal);
        // Exactly the runtime's own PackageReferences: the generator ProjectReference must not become a dependency.
        Assert.Contains("SQLitePCLRaw.bundle_e_sqlite3", dependencies);
        Assert.DoesNotContain(dependencies, d => d.Contains("Generators", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(RuntimePackageReferences().Order(StringComparer.Ordinal), dependencies.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Consumer_ReferencingOnlyThePackage_BuildsRunsAndWritesTheRows()
    {
        _package.KeepWorkDirectory = true; // cleared below once everything passed
        string project = Directory.CreateDirectory(Path.Combine(_package.WorkDirectory, "consumer")).FullName;
        string dataDirectory = Path.Combine(_package.WorkDirectory, "data");
        WriteConsumer(project);

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        string build = DotnetCli.Run(project, PackedPackage.StepTimeout,
            "build", "--nologo", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        _output.WriteLine($"consumer build: {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.Contains("0 Warning(s)", build, StringComparison.Ordinal);
        stopwatch.Restart();
        string run = DotnetCli.Run(project, PackedPackage.StepTimeout,
            "run", "--no-build", "-c", "Release", "--", dataDirectory);
        _output.WriteLine($"consumer run: {stopwatch.Elapsed.TotalSeconds:F1} s: {run.Trim()}");
        Assert.Contains($"consumer: wrote {Samples} samples and {Opens} opens", run, StringComparison.Ordinal);

        string file = Path.Combine(dataDirectory, "plugins.db");
        Assert.True(File.Exists(file), $"{file} missing; the consumer printed:\n{run}");
        Batteries_V2.Init();
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_open_v2(file, out var db, raw.SQLITE_OPEN_READONLY, null));
        using (db)
        {
            Assert.Equal("ok", Scalar(db, "PRAGMA integrity_check"));
            Assert.Equal($"{Samples}", Scalar(db, "SELECT count(*) FROM sample"));
            Assert.Equal("-1", Scalar(db, "SELECT value FROM sample WHERE seq = 0")); // ulong.MaxValue, wrapped
            Assert.Equal($"{Samples / 10}", Scalar(db, "SELECT count(*) FROM sample WHERE label IS NULL"));
            Assert.Equal($"{Opens}", Scalar(db, "SELECT count(*) FROM open_call"));
            Assert.Equal($"{Opens}", Scalar(db, "SELECT count(*) FROM event e JOIN open_call o USING (id) WHERE e.type = 'open_call'"));
            Assert.Equal($"{Opens}", Scalar(db, "SELECT count(*) FROM event"));
            Assert.Equal($"{Opens / 2}", Scalar(db, "SELECT count(*) FROM event WHERE procname = '[?]'"));
            Assert.Equal("/etc/file7|7|init|7", Scalar(db,
                "SELECT o.path || '|' || o.flags || '|' || e.procname || '|' || e.proc_id FROM open_call o JOIN event e USING (id) WHERE o.flags = 7"));
        }
        _package.KeepWorkDirectory = false;
    }

    private HashSet<string> RuntimePackageReferences() =>
        XDocument.Load(Path.Combine(_package.RepositoryRoot, "src", "EventDb", "EventDb.csproj"))
            .Descendants("PackageReference")
            .Where(r => !string.Equals((string?)r.Attribute("PrivateAssets"), "all", StringComparison.OrdinalIgnoreCase))
            .Select(r => (string)r.Attribute("Include")!)
            .ToHashSet(StringComparer.Ordinal);

    private void WriteConsumer(string project)
    {
        string packages = Path.Combine(_package.WorkDirectory, "packages");
        // The user's global packages folder serves SQLitePCLRaw without a download; EventDb cannot come from there,
        // since its version is new in this run.
        string userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string fallback = Directory.Exists(userPackages)
            ? $"""<fallbackPackageFolders><clear /><add key="user" value="{userPackages}" /></fallbackPackageFolders>"""
            : "";
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{packages}" /></config>
              <packageSources>
                <clear />
                <add key="local" value="{_package.FeedDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              {fallback}
            </configuration>
            """);
        // Stop MSBuild's upward search for Directory.*.props/targets and global.json at the temp folder.
        File.WriteAllText(Path.Combine(project, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(project, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(project, "Directory.Packages.props"), "<Project />");
        File.Copy(Path.Combine(_package.RepositoryRoot, "global.json"), Path.Combine(project, "global.json"));
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EventDb" Version="[{_package.Version}]" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Events.cs"), """
            using EventDb;

            [EventBase("event", Discriminator = "type")]
            public partial record struct Event
            {
                [Column(Default = "[?]")]
                public string? Procname { get; init; }
                public long ProcId { get; init; }
            }

            [EventTable("open_call", Base = typeof(Event))]
            public partial record struct OpenCall
            {
                public string Path { get; init; }
                public int Flags { get; init; }
            }

            [EventTable("sample")]
            public partial record struct Sample
            {
                public long Seq { get; init; }
                public ulong Value { get; init; }
                public string? Label { get; init; }
                public double Ratio { get; init; }
            }
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), $$"""
            using EventDb;

            const int Samples = {{Samples}};
            const int Opens = {{Opens}};
            using (var log = EventLogger.Open(new EventLoggerOptions { Directory = args[0] }))
            {
                for (int i = 0; i < Samples; i++)
                    log.Add(new Sample { Seq = i, Value = ulong.MaxValue - (ulong)i, Label = i % 10 == 0 ? null : $"s{i}", Ratio = i / 4.0 });
                for (int i = 0; i < Opens; i++)
                    log.Add(new OpenCall { Path = $"/etc/file{i}", Flags = i, Procname = i % 2 == 0 ? null : "init", ProcId = i });
                log.Flush();
                var samples = log.ReadAll<Sample>();
                if (samples.Count != Samples || !samples.Any(s => s.Value == ulong.MaxValue))
                {
                    Console.Error.WriteLine($"consumer: read back {samples.Count} samples, expected {Samples} with one at ulong.MaxValue");
                    return 1;
                }
                if (log.ReadAll<OpenCall>().Count(o => o.Procname == "[?]") != Opens / 2)
                {
                    Console.Error.WriteLine("consumer: the [?] default did not round-trip");
                    return 1;
                }
            }
            Console.WriteLine($"consumer: wrote {Samples} samples and {Opens} opens");
            return 0;
            """);
    }

    private static string Scalar(sqlite3 db, string sql)
    {
        Assert.True(raw.sqlite3_prepare_v2(db, sql, out var statement) == raw.SQLITE_OK, $"{sql}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
        using (statement)
        {
            Assert.True(raw.sqlite3_step(statement) == raw.SQLITE_ROW, $"{sql}: no row");
            return raw.sqlite3_column_text(statement, 0).utf8_to_string();
        }
    }
}
