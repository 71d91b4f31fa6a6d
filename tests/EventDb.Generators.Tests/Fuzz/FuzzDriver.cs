using System.Globalization;
using System.Text;

namespace EventDb.Generators.Tests.Fuzz;

/// <summary>
/// Writes the fuzzed program's driver: typed C# that opens a real <c>EventLogger</c> on a file, adds events of every
/// table type that gets code (interleaved, so ids cross types), flushes, reads each type back with <c>ReadAll&lt;T&gt;</c>
/// and compares every stored member with what reading it back must give. <c>Run</c> returns "" or the mismatches.
/// </summary>
internal static class FuzzDriver
{
    public const string TypeName = "EventDbFuzzDriver.Driver";

    private const string Helpers = """
            private static void Same<T>(global::System.Text.StringBuilder failures, string what, T actual, T expected)
            {
                if (!Equal(actual, expected))
                    failures.AppendLine(what + ": read back " + Show(actual) + ", expected " + Show(expected));
            }

            private static bool Equal(object? a, object? b) => (a, b) switch
            {
                (null, null) => true,
                (byte[] x, byte[] y) => global::System.MemoryExtensions.SequenceEqual<byte>(x, y),
                (global::System.ReadOnlyMemory<byte> x, global::System.ReadOnlyMemory<byte> y) => global::System.MemoryExtensions.SequenceEqual<byte>(x.Span, y.Span),
                (global::System.DateTimeOffset x, global::System.DateTimeOffset y) => x.EqualsExact(y),
                (global::System.DateTime x, global::System.DateTime y) => x.Ticks == y.Ticks && x.Kind == global::System.DateTimeKind.Utc,
                _ => object.Equals(a, b),
            };

            private static string Show(object? value) => value switch
            {
                null => "null",
                byte[] bytes => "byte[" + bytes.Length + "]",
                global::System.ReadOnlyMemory<byte> memory => "memory[" + memory.Length + "]",
                string text when text.Length > 40 => "string[" + text.Length + "]",
                global::System.DateTime time => time.ToString("o", global::System.Globalization.CultureInfo.InvariantCulture) + " " + time.Kind,
                global::System.DateTimeOffset time => time.ToString("o", global::System.Globalization.CultureInfo.InvariantCulture),
                _ => global::System.Convert.ToString(value, global::System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
        """;

    public static string Write(IReadOnlyList<FuzzType> types, Random random)
    {
        var tables = types.Where(t => t.Generates && !t.IsBase && !t.FileLocal).ToList();
        // Now and then more than one INSERT's worth (64 rows) of a narrow type; a wide type's one event is plenty.
        var events = tables.Select(t => (Type: t, Events: Enumerable.Range(0, EventCount(t, random))
            .Select(_ => t.ReadMembers.Select(m => Value(m, t, random)).ToList()).ToList())).ToList();

        var sb = new StringBuilder();
        sb.AppendLine("#nullable enable");
        sb.AppendLine("namespace EventDbFuzzDriver");
        sb.AppendLine("{");
        sb.AppendLine("    public static class Driver");
        sb.AppendLine("    {");
        sb.AppendLine("        public static string Run(string directory)");
        sb.AppendLine("        {");
        sb.AppendLine("            var failures = new global::System.Text.StringBuilder();");
        // What each type's events are, and what reading them back must give (a null member with a default reads it).
        for (var t = 0; t < events.Count; t++)
        {
            var (type, list) = events[t];
            sb.AppendLine("            var sent" + t + " = new " + type.FullName + "[] {");
            foreach (var values in list)
                sb.AppendLine("                " + Initializer(type, values.Select(v => v.Assigned)) + ",");
            sb.AppendLine("            };");
            sb.AppendLine("            var expected" + t + " = new " + type.FullName + "[] {");
            foreach (var values in list)
                sb.AppendLine("                " + Initializer(type, values.Select(v => v.Expected)) + ",");
            sb.AppendLine("            };");
        }
        sb.AppendLine("            var options = new global::EventDb.EventLoggerOptions { Directory = directory, CommitOnExit = false, OnError = e => { lock (failures) failures.AppendLine(\"OnError: \" + e.Message); } };");
        sb.AppendLine("            using (var log = global::EventDb.EventLogger.Open(options))");
        sb.AppendLine("            {");
        // Interleaved: each type's events in order, the types mixed, as producers mix them.
        var cursors = new int[events.Count];
        var total = events.Sum(e => e.Events.Count);
        for (var added = 0; added < total; added++)
        {
            var candidates = Enumerable.Range(0, events.Count).Where(i => cursors[i] < events[i].Events.Count).ToList();
            var pick = candidates[random.Next(candidates.Count)];
            sb.AppendLine("                log.Add(sent" + pick + "[" + cursors[pick]++ + "]);");
        }
        sb.AppendLine("                log.Flush();");
        sb.AppendLine("                Same(failures, \"written\", log.WrittenEvents, " + total.ToString(CultureInfo.InvariantCulture) + "L);");
        sb.AppendLine("                Same(failures, \"rejected\", log.RejectedEvents, 0L);");
        for (var t = 0; t < events.Count; t++)
        {
            var type = events[t].Type;
            var label = Escape(type.FullName);
            sb.AppendLine("                {");
            sb.AppendLine("                    var rows = log.ReadAll<" + type.FullName + ">();");
            sb.AppendLine("                    Same(failures, \"" + label + ".Count\", rows.Count, expected" + t + ".Length);");
            sb.AppendLine("                    for (int i = 0; i < global::System.Math.Min(rows.Count, expected" + t + ".Length); i++)");
            sb.AppendLine("                    {");
            foreach (var member in type.ReadMembers)
            {
                sb.AppendLine("                        Same(failures, \"" + label + "[\" + i + \"]." + Escape(member.Name) + "\", rows[i]." + member.Name
                    + ", expected" + t + "[i]." + member.Name + ");");
            }
            sb.AppendLine("                    }");
            sb.AppendLine("                }");
        }
        sb.AppendLine("            }");
        sb.AppendLine("            return failures.ToString();");
        sb.AppendLine("        }");
        sb.AppendLine();
        sb.AppendLine(Helpers);
        sb.AppendLine("    }");
        sb.AppendLine("}");
        return sb.ToString();
    }

    private static string Initializer(FuzzType type, IEnumerable<string> values) =>
        "new " + type.FullName + " { " + string.Join(", ", type.ReadMembers.Zip(values).Select(p => p.First.Name + " = " + p.Second)) + " }";

    private static int EventCount(FuzzType type, Random random) =>
        type.ReadMembers.Count() > 20 ? 1 : random.NextDouble() < 0.05 ? 70 : random.Next(1, 4);

    /// <summary>Whether the member was declared in an oblivious context: a base's members are declared in the base.</summary>
    private static bool Oblivious(FuzzType type, FuzzMember member) =>
        type.Base is { } b && b.Members.Contains(member) ? b.Oblivious : type.Oblivious;

    /// <summary>A value to assign and what reading it back gives: null (or the column's default for it) now and then.</summary>
    private static (string Assigned, string Expected) Value(FuzzMember member, FuzzType type, Random random)
    {
        if (member.TakesNull(Oblivious(type, member)) || member.Default is not null)
        {
            if (random.NextDouble() < 0.3)
                return ("null", member.Default?.ReadBack ?? "null");
        }
        var value = member.Kind.Values[random.Next(member.Kind.Values.Length)];
        return (value, value);
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
