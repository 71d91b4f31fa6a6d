using System.Globalization;
using System.Text;
using EventDb.Generators.Parsing;

namespace EventDb.Generators.Tests.Fuzz;

/// <summary>One fuzzed program: its source files, what the generator must refuse, and a driver that round-trips the rest.</summary>
internal sealed record FuzzCase(int Seed, IReadOnlyList<FuzzType> Types, IReadOnlyList<string> Files, string Driver)
{
    /// <summary>The EVDB ids the program was made to get.</summary>
    public IReadOnlySet<string> ExpectedIds => Types.Select(t => t.Refusal).OfType<string>().ToHashSet();

    public string Describe() => "seed " + Seed + ":\n" + string.Join("\n// ----- next file -----\n", Files.Append(Driver));
}

/// <summary>
/// Builds random but valid C# programs of event declarations: hostile identifiers, keywords and Unicode, every column
/// kind, nullability and defaults, nesting in every kind of partial type, generics, namespaces that shadow EventDb and
/// System, declarations split across files, bases and children, positional records, required members. A few
/// declarations are made to be refused (with the EVDB id they must get). Everything is derived from the seed.
/// </summary>
internal sealed class DeclarationFuzzer
{
    private readonly Random _random;
    private readonly List<FuzzType> _types = [];
    private readonly Dictionary<string, HashSet<string>> _scopes = []; // names taken per namespace or containing type
    private readonly HashSet<string> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Namespace, FuzzContainer[] Chain)> _containers = [];
    private int _counter;

    private DeclarationFuzzer(int seed) => _random = new Random(seed);

    public static FuzzCase Build(int seed)
    {
        var fuzzer = new DeclarationFuzzer(seed);
        fuzzer.DeclareTypes();
        var files = fuzzer.Files();
        return new FuzzCase(seed, fuzzer._types, files, FuzzDriver.Write(fuzzer._types, new Random(seed ^ 0x5EED)));
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private void DeclareTypes()
    {
        var count = _random.Next(1, 6);
        for (var i = 0; i < count; i++)
        {
            if (Chance(0.25))
            {
                var baseType = NewType(isBase: true, baseType: null);
                for (var c = _random.Next(1, 3); c > 0; c--)
                    NewType(isBase: false, baseType);
            }
            else
            {
                NewType(isBase: false, baseType: null);
            }
        }
    }

    private FuzzType NewType(bool isBase, FuzzType? baseType)
    {
        var fileLocal = !isBase && baseType is null && Chance(0.03);
        // A child gets a copy of each base member: neither its name nor any type parameter in scope may take one's (EVDB016).
        var copied = baseType?.Members.Select(m => FuzzNames.Raw(m.Name)).ToHashSet() ?? [];
        var (ns, chain) = fileLocal ? (Pick(FuzzNames.Namespaces), []) : Place(generic: !isBase);
        if (chain.Any(c => c.TypeParameters.Any(p => copied.Contains(FuzzNames.Raw(p)))))
            chain = []; // at the namespace's level instead
        var scope = ScopeOf(ns, chain);
        var chainTypeParameters = chain.SelectMany(c => c.TypeParameters).Select(FuzzNames.Raw).ToHashSet();
        var chainNames = chain.Select(c => FuzzNames.Raw(c.Name)).ToHashSet();
        var name = Unique(FuzzNames.Types, n => !Taken(scope, n) && !chainNames.Contains(n) && !chainTypeParameters.Contains(n) && !copied.Contains(n));
        Take(scope, name);
        var typeParameters = !isBase && Chance(0.25)
            ? Distinct(FuzzNames.TypeParameters, _random.Next(1, 3), n => !chainTypeParameters.Contains(n) && n != FuzzNames.Raw(name) && !chainNames.Contains(n) && !copied.Contains(n))
            : [];
        var oblivious = Chance(0.15);
        var type = new FuzzType
        {
            Namespace = ns,
            Containers = chain,
            Name = name,
            TypeParameters = typeParameters,
            Accessibility = Chance(0.5) ? "public" : "internal",
            Table = Table(),
            IsBase = isBase,
            Base = baseType,
            DiscriminatorColumn = isBase && Chance(0.5) ? Pick(["kind", "Discriminator_Col", "type2", "order"]) : null,
            Discriminator = baseType is not null && Chance(0.5) ? Pick(["it's \"odd\"", "ü\\back", "", "x", "名前"]) : null,
            Oblivious = oblivious,
            FileLocal = fileLocal,
            Positional = !fileLocal && Chance(0.1),
            Parts = fileLocal ? 1 : Pick([1, 1, 1, 1, 2, 2, 3]),
        };
        var memberCount = Chance(0.03) ? _random.Next(150, 300) : _random.Next(0, 9);
        for (var i = 0; i < memberCount; i++)
            type.Members.Add(NewMember(type));
        for (var i = _random.Next(0, 4); i > 0; i--)
            type.Extras.Add(NewExtra(type));
        if (fileLocal)
            type.Refusal = "EVDB015";
        else if (Chance(0.08))
            Refuse(type);
        _types.Add(type);
        return type;
    }

    /// <summary>A namespace and a chain of containing types (reused sometimes: two events in one container).</summary>
    private (string Namespace, FuzzContainer[] Chain) Place(bool generic)
    {
        var existing = _containers.Where(c => generic || c.Chain.All(x => x.TypeParameters.Length == 0)).ToList();
        if (existing.Count > 0 && Chance(0.2))
            return Pick(existing);
        var ns = Pick(FuzzNames.Namespaces);
        var depth = Chance(0.6) ? 0 : Chance(0.75) ? 1 : 2;
        var chain = new List<FuzzContainer>();
        var typeParameters = new HashSet<string>();
        for (var d = 0; d < depth; d++)
        {
            var scope = ScopeOf(ns, [.. chain]);
            var name = Unique(FuzzNames.Types, n => !Taken(scope, n) && chain.All(c => FuzzNames.Raw(c.Name) != n) && !typeParameters.Contains(n));
            Take(scope, name);
            var parameters = generic && Chance(0.3)
                ? Distinct(FuzzNames.TypeParameters, 1, n => !typeParameters.Contains(n) && n != FuzzNames.Raw(name) && chain.All(c => FuzzNames.Raw(c.Name) != n))
                : [];
            typeParameters.UnionWith(parameters.Select(FuzzNames.Raw));
            var keyword = Pick(["public partial class", "public static partial class", "public partial struct", "public partial record",
                "public partial record struct", "public partial interface", "internal partial class"]);
            chain.Add(new FuzzContainer(keyword, name, parameters));
        }
        if (chain.Count > 0)
            _containers.Add((ns, [.. chain]));
        return (ns, [.. chain]);
    }

    private FuzzMember NewMember(FuzzType type)
    {
        var positional = type.Positional && type.Members.Count % type.Parts == 0;
        // A positional parameter named like one of object's members would have to match it (CS8866).
        var name = Unique(FuzzNames.Members, n => !NameTaken(type, n) && !(positional && FuzzNames.HidingObjectMembers.Contains(n)));
        var kind = Pick(FuzzKind.All);
        var nullable = Chance(0.4);
        (string, string)? defaultValue = nullable && kind.Defaults.Length > 0 && Chance(0.3) ? Pick(kind.Defaults) : null;
        var raw = FuzzNames.Raw(name);
        var derived = SqlNaming.ToSnakeCase(raw);
        string? columnAttribute = null;
        if (!SqlNaming.IsValidIdentifier(derived) || type.ColumnTaken(derived) || Chance(0.15))
            columnAttribute = ColumnName(type);
        return new FuzzMember
        {
            Name = name,
            Kind = kind,
            Nullable = nullable,
            Column = columnAttribute ?? derived,
            ColumnAttribute = columnAttribute,
            Default = defaultValue,
            AsText = kind.IsEnum && !kind.IsFlags && Chance(0.4),
            Field = !positional && Chance(0.25),
            // With a primary constructor, a non-nullable reference member it does not set must be required (CS8618).
            Required = !positional && (Chance(0.15) || (type.Positional && kind.IsReference && !nullable && !type.Oblivious)),
        };
    }

    /// <summary>A column name of its own: SQL keywords, mixed case (quoted in the DDL), plain.</summary>
    private string ColumnName(FuzzType type)
    {
        while (true)
        {
            var name = Pick(["select", "Mixed_Case", "c", "where", "group", "col"]) + "_" + (++_counter).ToString(CultureInfo.InvariantCulture);
            if (!type.ColumnTaken(name))
                return name;
        }
    }

    /// <summary>Whether a member named <paramref name="raw"/> would clash with a name the user already declared, or one the generator declares.</summary>
    private static bool NameTaken(FuzzType type, string raw) =>
        raw == FuzzNames.Raw(type.Name)
        || type.TypeParameters.Any(p => FuzzNames.Raw(p) == raw)
        || type.Containers.Any(c => c.TypeParameters.Any(p => FuzzNames.Raw(p) == raw))
        || type.Members.Any(m => FuzzNames.Raw(m.Name) == raw)
        || type.ExtraNames.Contains(raw)
        || (type.Base?.Members.Any(m => FuzzNames.Raw(m.Name) == raw) ?? false)
        || raw == GeneratedMemberNames.Schema;

    /// <summary>A member that is not stored: a method, a static, a computed [NotMapped] one, an internal one, a nested type.</summary>
    private string NewExtra(FuzzType type)
    {
        var written = Unique(FuzzNames.Members, n => !NameTaken(type, n) && !FuzzNames.HidingObjectMembers.Contains(n));
        type.ExtraNames.Add(FuzzNames.Raw(written));
        return Pick([
            "public static int " + written + " () => 1;",
            "public static long " + written + " { get; set; }",
            "[global::EventDb.NotMapped] public long " + written + " => 1;",
            "internal long " + written + " { get; init; }",
            "public enum @" + written.TrimStart('@') + " { A }", // a type may not be named 'file' without its '@
        ]);
    }

    /// <summary>Makes the declaration one the generator must refuse, with the id it must get.</summary>
    private void Refuse(FuzzType type)
    {
        switch (_random.Next(type.IsBase ? 5 : 7))
        {
            case 0:
                type.Extras.Add("public static int Schema => 1;");
                type.Refusal = "EVDB016";
                break;
            case 1:
                type.Extras.Add("public global::System.Numerics.Complex Unsupported { get; init; }"); // a struct: no nullable context or CS8618 to mind
                type.Refusal = "EVDB004";
                break;
            case 2:
                type.Extras.Add("public long ReadOnlyMember { get; }");
                type.Refusal = "EVDB012";
                break;
            case 3:
                type.Extras.Add("[global::EventDb.Column(\"ROWID\")] public long ShadowsRowId { get; init; }");
                type.Refusal = "EVDB009";
                break;
            case 4:
                type.Extras.Add("[global::EventDb.Column(Default = \"not a number\")] public long? BadDefault { get; init; }");
                type.Refusal = "EVDB010";
                break;
            case 5:
                type.Extras.Add("[global::EventDb.NotMapped] public required long RequiredButNotStored { get; init; }");
                type.Refusal = "EVDB017";
                break;
            default:
                type.Extras.Add("[global::System.Obsolete(\"gone\", true)] public long Gone { get; init; }");
                type.Refusal = "EVDB020";
                break;
        }
    }

    private string Table()
    {
        var word = Pick(["order", "group", "select", "Table", "values", "index", "key", "limit", "Mixed", "events", "t"]);
        var name = word;
        while (!_tables.Add(name))
            name = word + "_" + (++_counter).ToString(CultureInfo.InvariantCulture);
        return name;
    }

    private static string ScopeOf(string ns, FuzzContainer[] chain) => ns + "/" + string.Join("/", chain.Select(c => FuzzNames.Raw(c.Name)));

    private bool Taken(string scope, string raw) =>
        (_scopes.TryGetValue(scope, out var names) && names.Contains(raw))
        || (scope.EndsWith('/') && FuzzNames.ChildNamespaces(scope[..^1]).Contains(raw));

    private void Take(string scope, string written)
    {
        if (!_scopes.TryGetValue(scope, out var names))
            _scopes[scope] = names = [];
        names.Add(FuzzNames.Raw(written));
    }

    /// <summary>A written name from <paramref name="pool"/> whose raw name <paramref name="free"/> accepts (numbered when all are taken).</summary>
    private string Unique(string[] pool, Func<string, bool> free)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var written = Pick(pool);
            if (free(FuzzNames.Raw(written)))
                return written;
        }
        while (true)
        {
            var written = Pick(pool).TrimStart('@') + "_" + (++_counter).ToString(CultureInfo.InvariantCulture);
            if (free(FuzzNames.Raw(written)))
                return written;
        }
    }

    private string[] Distinct(string[] pool, int count, Func<string, bool> free)
    {
        var chosen = new List<string>();
        for (var i = 0; i < count; i++)
            chosen.Add(Unique(pool, n => free(n) && chosen.All(c => FuzzNames.Raw(c) != n)));
        return [.. chosen];
    }

    /// <summary>The enums and each type's parts, dealt into one to three files (a file-local type's alone in its file's).</summary>
    private List<string> Files()
    {
        var files = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => new StringBuilder()).ToList();
        files[0].AppendLine(FuzzKind.EnumDeclarations);
        foreach (var type in _types)
        {
            for (var part = 0; part < type.Parts; part++)
                Pick(files).AppendLine(type.Part(part));
        }
        return [.. files.Select(f => f.ToString())];
    }
}
