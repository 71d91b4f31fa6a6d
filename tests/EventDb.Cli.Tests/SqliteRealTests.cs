using EventDb.Cli.Output;

namespace EventDb.Cli.Tests;

/// <summary>REAL to text as SQLite's printf <c>%!.15g</c>: expected strings written from its rules.</summary>
public class SqliteRealTests
{
    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(100.0, "100.0")]             // "!": one zero kept after the point
    [InlineData(0.1, "0.1")]                 // 15 digits: 0.100000000000000005... rounds to 0.1
    [InlineData(1.0 / 3, "0.333333333333333")]
    [InlineData(2.0 / 3, "0.666666666666667")]
    [InlineData(1e15, "1.0e+15")]            // exponent form from 1e15
    [InlineData(123456789012345.0, "123456789012345.0")]
    [InlineData(999999999999999.4, "999999999999999.0")]
    [InlineData(9999999999999999.0, "1.0e+16")] // rounds up into a new digit
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1.0e-05")]         // exponent form below 1e-4, two exponent digits at least
    [InlineData(1e100, "1.0e+100")]
    [InlineData(-3.75, "-3.75")]
    [InlineData(5e-324, "4.94065645841247e-324")]
    [InlineData(double.MaxValue, "1.79769313486232e+308")]
    [InlineData(0.0, "0.0")]
    [InlineData(double.PositiveInfinity, "Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(713165449201706.5, "713165449201707.0")] // an exact tie rounds half up
    [InlineData(2690742656673415.0, "2.69074265667342e+15")] // also here (SQLite 3.40's x87 arithmetic gives ...341e+15)
    public void Format_AsSqlite(double value, string expected) => Assert.Equal(expected, SqliteReal.Format(value));

    [Fact]
    public void Format_NegativeZero_HasNoSign() => Assert.Equal("0.0", SqliteReal.Format(-0.0));
}
