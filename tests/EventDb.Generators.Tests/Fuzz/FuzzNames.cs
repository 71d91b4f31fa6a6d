namespace EventDb.Generators.Tests.Fuzz;

/// <summary>
/// The identifiers the fuzzer declares, as written in source: keywords escaped with <c>@</c> (and some plain names
/// escaped too), contextual keywords bare, Unicode letters and Unicode escapes, SQL keywords, object's members, and the
/// names the generated code uses itself. <see cref="Raw"/> is the name the compiler sees.
/// </summary>
internal static class FuzzNames
{
    public static readonly string[] Types =
    [
        "Ping", "PING", "Pong", "Größe", "Grüße", "Gr\\u00F6\\u00DFe2", "@var", "@file", "@class", "@event", "@async", "@nameof", "@value",
        "Where", "Row", "Writer", "Reader", "TWriter", "TReader", "EventDb", "System", "Outer", "Inner", "Ñandú", "Δelta", "名前", "_x", "__y",
        "x1", "@Alpha", "Order", "Select", "Group", "Validate", "Read", "Write", "WriteBase", "Columns", "Procname", "Event", "Syscall",
    ];

    public static readonly string[] Members =
    [
        "Alpha", "Beta", "Value2", "HTTPCode", "Arg0Repr", "X", "x_y", "_under", "@class", "@event", "@int", "@default", "@checked",
        "@base", "@this", "@object", "@string", "@operator", "@params", "@return", "@in", "@is", "var", "value", "record", "async",
        "await", "dynamic", "nameof", "global", "field", "select", "from", "file", "required", "scoped", "unmanaged", "notnull", "init",
        "get", "set", "add", "remove", "when", "and", "or", "not", "with", "args", "Order", "Group", "Table", "Values", "Index", "Key",
        "Limit", "Where", "WriteKName", "ReadKName", "TWriter", "TReader", "row", "writer", "reader", "__x", "Validate", "Write", "Read",
        "WriteBase", "Procname", "ProcId", "GetType", "MemberwiseClone", "ReferenceEquals", "Größe", "Grüße", "Ñandú", "Δelta", "名前",
        "@Alpha", "Gr\\u00FC\\u00DFe3", "Type", "Discriminator", "Base", "Name", "Columns", "Equals2", "Finalize",
    ];

    public static readonly string[] TypeParameters = ["T", "TWriter", "TReader", "TWriter1", "row", "writer", "reader", "value", "name", "Where", "TKey", "@class", "ü"];

    /// <summary>Written namespaces ("" is the global one); every type namespace here is also kept out of the type names beside it.</summary>
    public static readonly string[] Namespaces = ["", "Fuzz", "Fuzz.Inner", "@class.@event", "Größe.Straße", "EventDb.Fuzz", "Fuzz.EventDb", "Fuzz.System", "@var"];

    /// <summary>Members that hide one of object's and are declared <c>new</c>, as the compiler asks (CS0108).</summary>
    public static readonly HashSet<string> HidingObjectMembers = ["GetType", "MemberwiseClone", "ReferenceEquals"];

    /// <summary>The name as the compiler sees it: without <c>@</c>, Unicode escapes resolved.</summary>
    public static string Raw(string written)
    {
        var name = written.TrimStart('@');
        return System.Text.RegularExpressions.Regex.Replace(name, @"\\u([0-9A-Fa-f]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
    }

    /// <summary>The names of <paramref name="ns"/>'s child namespaces, which a type declared in it must not take (CS0101).</summary>
    public static HashSet<string> ChildNamespaces(string ns)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { FuzzKind.EnumNamespace, "EventDbFuzzDriver" };
        if (ns.Length == 0)
            names.UnionWith(["EventDb", "System", "Microsoft", "Internal", "Windows"]);
        foreach (var other in Namespaces)
        {
            var prefix = ns.Length == 0 ? "" : ns + ".";
            if (other.Length > prefix.Length && other.StartsWith(prefix, StringComparison.Ordinal))
                names.Add(Raw(other[prefix.Length..].Split('.')[0]));
        }
        return names;
    }
}
