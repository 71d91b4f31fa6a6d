using System.Text;
using EventDb.Penguin.Internals;

namespace EventDb.Penguin.Tests;

/// <summary>Python's <c>repr(bytes)</c> (CPython's bytes_repr with smart quotes), which Penguin prints for buffers.</summary>
public class PythonReprTests
{
    private static string Repr(params byte[] value)
    {
        var sb = new StringBuilder();
        PythonRepr.AppendBytes(sb, value);
        return sb.ToString();
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    [Fact]
    public void Bytes_Empty_IsBQuoteQuote() => Assert.Equal("b''", Repr());

    [Fact]
    public void Bytes_EveryByteFrom0To255_EscapesAsCPython() =>
        Assert.Equal(ExpectedRepr.AllBytes, Repr(ExpectedRepr.AllByteValues()));

    [Fact]
    public void Bytes_EveryByteFrom0To255WithoutQuotes_UsesSingleQuotesAndNoQuoteEscape()
    {
        // Same as above minus ' (0x27) and " (0x22): nothing to choose, the quote is '.
        var bytes = new List<byte>();
        for (int i = 0; i < 256; i++)
        {
            if (i != '\'' && i != '"')
                bytes.Add((byte)i);
        }
        string expected =
            """b'\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"""
            + """\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"""
            + """ !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"""
            + """\x7f"""
            + """\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f"""
            + """\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f"""
            + """\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf"""
            + """\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf"""
            + """\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf"""
            + """\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf"""
            + """\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef"""
            + """\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff'""";
        Assert.Equal(expected, Repr([.. bytes]));
    }

    [Fact]
    public void Bytes_EveryByteFrom0To255ExceptDoubleQuote_UsesDoubleQuotesAndLeavesSingleQuote()
    {
        // ' occurs and " does not: the quote is ", and ' prints as itself.
        byte[] bytes = [.. ExpectedRepr.AllByteValues().Where(b => b != '"')];
        string expected =
            """b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"""
            + """\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"""
            + """ !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"""
            + """\x7f"""
            + """\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f"""
            + """\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f"""
            + """\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf"""
            + """\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf"""
            + """\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf"""
            + """\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf"""
            + """\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef"""
            + """\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff""" + "\"";
        Assert.Equal(expected, Repr(bytes));
    }

    [Theory]
    [InlineData("it's", """b"it's" """)]                 // ' only: double quotes, ' not escaped
    [InlineData("'", """b"'" """)]
    [InlineData("''", """b"''" """)]
    [InlineData("say \"hi\"", """b'say "hi"' """)]       // " only: single quotes, " not escaped
    [InlineData("\"", """b'"' """)]
    [InlineData("it's \"x\"", """b'it\'s "x"' """)]      // both: single quotes, ' escaped, " not
    [InlineData("'\"", """b'\'"' """)]
    [InlineData("\"'", """b'"\'' """)]
    [InlineData("a\\b", """b'a\\b' """)]                 // a backslash is always doubled
    [InlineData("\\'", """b"\\'" """)]                   // ...also inside double quotes
    [InlineData("\\\"'", """b'\\"\'' """)]
    [InlineData("plain text", "b'plain text'")]
    public void Bytes_Quotes_ChooseAndEscapeAsCPython(string ascii, string expected) =>
        // The raw literals end in a space so that they may end in a quote; the expectation is without it.
        Assert.Equal(expected.TrimEnd(' '), Repr(Ascii(ascii)));

    [Theory]
    [InlineData(new byte[] { 0x09 }, """b'\t'""")]
    [InlineData(new byte[] { 0x0a }, """b'\n'""")]
    [InlineData(new byte[] { 0x0d }, """b'\r'""")]
    [InlineData(new byte[] { 0x0b }, """b'\x0b'""")]              // \v and \f have no short escape in bytes repr
    [InlineData(new byte[] { 0x0c }, """b'\x0c'""")]
    [InlineData(new byte[] { 0x07, 0x08 }, """b'\x07\x08'""")]     // nor \a, \b
    [InlineData(new byte[] { 0x00 }, """b'\x00'""")]               // nor \0
    [InlineData(new byte[] { 0x1b, 0x5b, 0x6d }, """b'\x1b[m'""")]
    [InlineData(new byte[] { 0x1f, 0x20, 0x7e, 0x7f }, """b'\x1f ~\x7f'""")]
    [InlineData(new byte[] { 0xc3, 0x84 }, """b'\xc3\x84'""")]     // UTF-8 of Ä: bytes, not text
    [InlineData(new byte[] { 0xf0, 0x9f, 0x90, 0xa7 }, """b'\xf0\x9f\x90\xa7'""")]
    [InlineData(new byte[] { 0xAB, 0xCD, 0xEF }, """b'\xab\xcd\xef'""")] // lowercase hex
    public void Bytes_ControlAndHighBytes_EscapeAsCPython(byte[] value, string expected) =>
        Assert.Equal(expected, Repr(value));

    [Fact]
    public void Bytes_Large_IsNotTruncated()
    {
        var value = new byte[4096];
        value.AsSpan().Fill((byte)'x');
        Assert.Equal("b'" + new string('x', 4096) + "'", Repr(value));
        value.AsSpan().Fill(0xff);
        Assert.Equal("b'" + string.Concat(Enumerable.Repeat("\\xff", 4096)) + "'", Repr(value));
    }
}
