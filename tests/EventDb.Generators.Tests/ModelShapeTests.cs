using System.Reflection;
using EventDb.Generators.Model;

namespace EventDb.Generators.Tests;

/// <summary>
/// After DapperAOT's ModelShapeTests: every type the pipeline caches must be value-equal and hold no Roslyn object,
/// or incremental caching silently degrades into re-running (and leaking compilations).
/// </summary>
public class ModelShapeTests
{
    private static Type[] Types =>
        [.. typeof(EventTableGenerator).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(EventTableSpec).Namespace && !t.IsEnum && !t.IsNested
                && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static TheoryData<Type> ModelTypes => new(Types);

    [Fact]
    public void ModelNamespace_Enumerated_ContainsTheSpecs()
    {
        var names = Types.Select(t => t.Name).ToList();
        Assert.Contains(nameof(EventTableSpec), names);
        Assert.Contains(nameof(ColumnSpec), names);
        Assert.Contains("EquatableArray`1", names);
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void ModelType_Shape_IsEquatable(Type type)
    {
        var self = type.IsGenericTypeDefinition ? type.MakeGenericType(typeof(string)) : type;
        Assert.True(typeof(IEquatable<>).MakeGenericType(self).IsAssignableFrom(self), $"{type} must implement IEquatable<{type.Name}>");
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void ModelType_Fields_HoldNoRoslynTypesTransitively(Type type)
    {
        var visited = new HashSet<Type>();
        Check(type, type.Name, visited);
    }

    private static void Check(Type type, string path, HashSet<Type> visited)
    {
        if (!visited.Add(type))
            return;
        Assert.False(type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true, $"{path} is {type}");
        Assert.False(type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Collections.Immutable.ImmutableArray`1",
            $"{path} is an ImmutableArray, whose equality is by reference");
        if (type.IsArray)
        {
            Check(type.GetElementType()!, path + "[]", visited);
            return;
        }
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            Check(argument, path + "<" + argument.Name + ">", visited);
        if (type.Assembly != typeof(EventTableGenerator).Assembly)
            return;
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            Check(field.FieldType, path + "." + field.Name, visited);
    }
}
