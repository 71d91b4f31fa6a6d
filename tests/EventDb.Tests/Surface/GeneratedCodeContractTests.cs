using System.ComponentModel;
using System.Reflection;
using EventDb.Metadata;

namespace EventDb.Tests.Surface;

/// <summary>
/// What exists for generated code stays out of a user's way: in EventDb.Metadata, and hidden from IntelliSense where no
/// user calls it. The PublicAPI baseline pins names and signatures, not these attributes, so they are checked here.
/// </summary>
public sealed class GeneratedCodeContractTests
{
    [Theory]
    [InlineData(typeof(IRowWriter))]
    [InlineData(typeof(IRowReader))]
    [InlineData(typeof(ColumnText))]
    public void RowContract_IsInMetadataAndHidden(Type type)
    {
        Assert.Equal("EventDb.Metadata", type.Namespace);
        Assert.True(IsHidden(type), $"{type.Name} is offered by IntelliSense");
    }

    [Theory]
    [InlineData(typeof(EventColumn))]
    [InlineData(typeof(ColumnType))]
    public void ColumnDescriptions_AreInMetadataAndVisible(Type type)
    {
        // A user reads T.Schema.Columns, so these stay offered.
        Assert.Equal("EventDb.Metadata", type.Namespace);
        Assert.False(IsHidden(type));
    }

    [Fact]
    public void EventTableSchema_ConstructorAndThrowNotNull_AreHidden()
    {
        var constructor = Assert.Single(typeof(EventTableSchema).GetConstructors());
        Assert.True(IsHidden(constructor));
        Assert.True(IsHidden(typeof(EventTableSchema).GetMethod(nameof(EventTableSchema.ThrowNotNull))!));
        Assert.False(IsHidden(typeof(EventTableSchema)));
    }

    [Fact]
    public void RootNamespace_HoldsNoGeneratedCodeContract()
    {
        var contracts = new[] { "IRowWriter", "IRowReader", "ColumnText", "EventColumn", "ColumnType" };
        var root = typeof(EventLogger).Assembly.GetExportedTypes().Where(t => t.Namespace == "EventDb").Select(t => t.Name);
        Assert.Empty(root.Intersect(contracts));
    }

    private static bool IsHidden(MemberInfo member) =>
        member.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never;
}
