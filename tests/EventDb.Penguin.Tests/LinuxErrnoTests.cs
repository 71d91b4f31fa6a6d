namespace EventDb.Penguin.Tests;

/// <summary>The errno table against the kernel's asm-generic headers, value by value where it matters.</summary>
public class LinuxErrnoTests
{
    [Theory]
    [InlineData(-2, "ENOENT")]
    [InlineData(2, "ENOENT")]
    [InlineData(-1, "EPERM")]
    [InlineData(-11, "EAGAIN")]
    [InlineData(-13, "EACCES")]
    [InlineData(-20, "ENOTDIR")]
    [InlineData(-22, "EINVAL")]
    [InlineData(-25, "ENOTTY")]
    [InlineData(-34, "ERANGE")]
    [InlineData(-38, "ENOSYS")]
    [InlineData(-95, "EOPNOTSUPP")]
    [InlineData(-110, "ETIMEDOUT")]
    [InlineData(-111, "ECONNREFUSED")]
    [InlineData(-133, "EHWPOISON")]
    [InlineData(-512, "ERESTARTSYS")]
    [InlineData(-515, "ENOIOCTLCMD")]
    [InlineData(-530, "ERECALLCONFLICT")]
    public void Name_OfKnownNumbers(long errno, string expected) => Assert.Equal(expected, LinuxErrno.Name(errno));

    [Theory]
    [InlineData(0)]
    [InlineData(41)]          // unused on the generic architectures (EWOULDBLOCK is EAGAIN's alias)
    [InlineData(58)]          // unused (EDEADLOCK is EDEADLK's alias)
    [InlineData(134)]
    [InlineData(520)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Name_OfUnknownNumbers_IsNull(long errno) => Assert.Null(LinuxErrno.Name(errno));

    [Fact]
    public void Table_IsDenseFrom1To133_ExceptTheTwoAliases_AndNamesAreUnique()
    {
        var names = new List<string>();
        for (int n = 1; n <= 133; n++)
        {
            var name = LinuxErrno.Name(n);
            if (n is 41 or 58)
            {
                Assert.Null(name);
                continue;
            }
            Assert.NotNull(name);
            Assert.StartsWith("E", name, StringComparison.Ordinal);
            Assert.NotNull(LinuxErrno.Description(n));
            names.Add(name);
        }
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("ENOENT(No such file or directory)", "ENOENT")]
    [InlineData("-ENOENT", "ENOENT")]
    [InlineData("ENOSYS", "ENOSYS")]
    [InlineData("ERESTART_RESTARTBLOCK(...)", "ERESTART_RESTARTBLOCK")]
    [InlineData("-2 (errno)", null)]
    [InlineData("0x7ffe0010", null)]
    [InlineData("Error(x)", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void FromRepr_ReadsTheLeadingName(string? repr, string? expected) => Assert.Equal(expected, LinuxErrno.FromRepr(repr));
}
