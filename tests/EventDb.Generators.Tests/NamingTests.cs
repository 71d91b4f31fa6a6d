using EventDb.Generators.Parsing;

namespace EventDb.Generators.Tests;

public class NamingTests
{
    [Theory]
    [InlineData("Arg0Repr", "arg0_repr")]
    [InlineData("ProcId", "proc_id")]
    [InlineData("CreateTime", "create_time")]
    [InlineData("HTTPCode", "http_code")]
    [InlineData("Arg0", "arg0")]
    [InlineData("fd", "fd")]
    [InlineData("Proc_Id", "proc_id")]
    [InlineData("IOError", "io_error")]
    [InlineData("X", "x")]
    public void SnakeCase_MemberName_MatchesPenguinColumn(string member, string column) =>
        Assert.Equal(column, SqlNaming.ToSnakeCase(member));

    [Theory]
    [InlineData("syscall", true)]
    [InlineData("_x9", true)]
    [InlineData("9x", false)]
    [InlineData("a-b", false)]
    [InlineData("sqlite_master", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Identifier_Validity_FollowsSqlRules(string? name, bool valid) =>
        Assert.Equal(valid, SqlNaming.IsValidIdentifier(name));
}
