using System.Globalization;
using System.Text;
using EventDb.Penguin.Internals;

namespace EventDb.Penguin.Tests;

/// <summary>Python's <c>{x}</c> and <c>{x:#x}</c> of ints, strs and None.</summary>
public class PythonFormatTests
{
    [Theory]
    [InlineData(0L, "0x0")]
    [InlineData(1L, "0x1")]
    [InlineData(12L, "0xc")]
    [InlineData(0x4a5f20L, "0x4a5f20")]
    [InlineData(0xabcdefL, "0xabcdef")]
    [InlineData(long.MaxValue, "0x7fffffffffffffff")]
    [InlineData(-1L, "-0x1")]
    [InlineData(-100L, "-0x64")]
    [InlineData(-0x26L, "-0x26")]
    [InlineData(-512L, "-0x200")]
    [InlineData(long.MinValue + 1, "-0x7fffffffffffffff")]
    [InlineData(long.MinValue, "-0x8000000000000000")]
    public void Hex_Value_PrintsAsPythonSharpX(long value, string expected)
    {
        var sb = new StringBuilder();
        PythonFormat.AppendHex(sb, value);
        Assert.Equal(expected, sb.ToString());
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-1L, "-1")]
    [InlineData(4294967196L, "4294967196")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    public void Int_Value_PrintsDecimal(long value, string expected)
    {
        var sb = new StringBuilder();
        PythonFormat.AppendInt(sb, value);
        Assert.Equal(expected, sb.ToString());
    }

    [Fact]
    public void Int_Null_PrintsNone()
    {
        var sb = new StringBuilder();
        PythonFormat.AppendInt(sb, (long?)null);
        Assert.Equal("None", sb.ToString());
    }

    [Theory]
    [InlineData(null, "None")]
    [InlineData("", "")]
    [InlineData("None", "None")]
    [InlineData("it's \"x\"\n\t\\", "it's \"x\"\n\t\\")]
    [InlineData("/ÄBC 日本 🐧", "/ÄBC 日本 🐧")]
    public void Str_Value_PrintsUnquoted(string? value, string expected)
    {
        var sb = new StringBuilder();
        PythonFormat.AppendStr(sb, value);
        Assert.Equal(expected, sb.ToString());
    }

    [Fact]
    public void Int_UnderACultureWithAnotherMinusSign_StillPrintsHyphenMinus()
    {
        // The project runs with InvariantGlobalization, but a consumer may not: Python prints '-' whatever the locale.
        var saved = CultureInfo.CurrentCulture;
        try
        {
            var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            culture.NumberFormat.NegativeSign = "\u2212";
            CultureInfo.CurrentCulture = culture;
            var sb = new StringBuilder();
            PythonFormat.AppendInt(sb, -5L);
            sb.Append(' ');
            PythonFormat.AppendHex(sb, -5L);
            Assert.Equal("-5 -0x5", sb.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
