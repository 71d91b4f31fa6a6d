using System.Text;

namespace EventDb.Penguin.Tests;

/// <summary>
/// <c>str(Read)</c>, <c>str(Write)</c> and the <c>db reads</c>/<c>db writes</c> lines: <c>read({fd}, {fname}, "{buf}")</c>
/// with <c>buf = repr(buffer)</c>, or <c>""</c> when the buffer is NULL.
/// </summary>
public class ReadWriteLineTests
{
    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    [Fact]
    public void Verified_Read_Passwd()
    {
        var r = new Read { Procname = "/bin/busybox", Fd = 3, Fname = "/etc/passwd", Buffer = Ascii("root::0:0:root:/root:/bin/sh\n") };
        Assert.Equal("""(/bin/busybox) read(3, /etc/passwd, "b'root::0:0:root:/root:/bin/sh\n'")""", PenguinFormat.Line(r, withProcname: true));
    }

    [Fact]
    public void Verified_Read_SocketWithCarriageReturns()
    {
        var r = new Read { Procname = "httpd", Fd = 5, Fname = "socket:[4242]", Buffer = Ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n") };
        Assert.Equal("""(httpd) read(5, socket:[4242], "b'GET / HTTP/1.1\r\nHost: x\r\n\r\n'")""", PenguinFormat.Line(r, withProcname: true));
    }

    [Fact]
    public void Verified_Read_NullBuffer_PrintsEmptyQuotes()
    {
        var r = new Read { Procname = "httpd", Fd = -1, Fname = "?", Buffer = null };
        Assert.Equal("""(httpd) read(-1, ?, "")""", PenguinFormat.Line(r, withProcname: true));
    }

    [Fact]
    public void Verified_Read_SingleQuoteOnly_DoubleQuotedReprInsideTheLiteralQuotes()
    {
        var r = new Read { Procname = "[/bin/sh]", Fd = 3, Fname = "/ÄBC", Buffer = Ascii("it's") };
        Assert.Equal("""([/bin/sh]) read(3, /ÄBC, "b"it's"")""", PenguinFormat.Line(r, withProcname: true));
    }

    [Fact]
    public void Verified_Write_HelloWorld()
    {
        var w = new Write { Procname = "/igloo/utils/sh", Fd = 1, Fname = "/dev/ttyS0", Buffer = Ascii("Hello World\n") };
        Assert.Equal("""(/igloo/utils/sh) write(1, /dev/ttyS0, "b'Hello World\n'")""", PenguinFormat.Line(w, withProcname: true));
    }

    [Fact]
    public void Verified_Write_BinaryWithBothQuotes()
    {
        var w = new Write
        {
            Procname = "httpd", Fd = 4, Fname = "/var/log/it's.log",
            Buffer = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x5c, 0x27, 0x22, 0x09],
        };
        Assert.Equal("""(httpd) write(4, /var/log/it's.log, "b'\x00\x01\x7f\x80\xff\\\'"\t'")""", PenguinFormat.Line(w, withProcname: true));
    }

    [Fact]
    public void Verified_Write_NullFnameEmptyBuffer_PrintsNoneAndEmptyRepr()
    {
        // An empty buffer is not NULL: Penguin tests "is not None", so it prints b''.
        var w = new Write { Procname = "httpd", Fd = 9, Fname = null, Buffer = [] };
        Assert.Equal("""(httpd) write(9, None, "b''")""", PenguinFormat.Line(w, withProcname: true));
    }

    [Fact]
    public void Verified_Write_FollowExample()
    {
        var w = new Write { Procname = "p5", Fd = 5, Fname = "/f5", Buffer = Ascii("x") };
        Assert.Equal("""(p5) write(5, /f5, "b'x'")""", PenguinFormat.Line(w, withProcname: true));
    }

    [Fact]
    public void WithoutProcname_IsStrOfTheEvent()
    {
        var r = new Read { Procname = "httpd", Fd = 3, Fname = "/etc/passwd", Buffer = Ascii("x") };
        var w = new Write { Procname = "httpd", Fd = 3, Fname = "/etc/passwd", Buffer = Ascii("x") };
        Assert.Equal("""read(3, /etc/passwd, "b'x'")""", PenguinFormat.Line(r));
        Assert.Equal("""read(3, /etc/passwd, "b'x'")""", PenguinFormat.Line(r, withProcname: false));
        Assert.Equal("""write(3, /etc/passwd, "b'x'")""", PenguinFormat.Line(w));
        Assert.Equal("""write(3, /etc/passwd, "b'x'")""", PenguinFormat.Line(w, withProcname: false));
    }

    [Fact]
    public void Write_NullBuffer_PrintsEmptyQuotes() =>
        Assert.Equal("""write(1, /dev/null, "")""", PenguinFormat.Line(new Write { Fd = 1, Fname = "/dev/null" }));

    [Fact]
    public void Read_EmptyBuffer_PrintsEmptyRepr() =>
        Assert.Equal("""read(0, /dev/null, "b''")""", PenguinFormat.Line(new Read { Fd = 0, Fname = "/dev/null", Buffer = [] }));

    [Fact]
    public void Write_EveryByteFrom0To255_PrintsTheFullRepr()
    {
        var w = new Write { Fd = 1, Fname = "/dev/mem", Buffer = ExpectedRepr.AllByteValues() };
        Assert.Equal("write(1, /dev/mem, \"" + ExpectedRepr.AllBytes + "\")", PenguinFormat.Line(w));
    }

    [Fact]
    public void Read_EveryByteFrom0To255_PrintsTheFullRepr()
    {
        var r = new Read { Procname = "cat", Fd = 3, Fname = "/dev/mem", Buffer = ExpectedRepr.AllByteValues() };
        Assert.Equal("(cat) read(3, /dev/mem, \"" + ExpectedRepr.AllBytes + "\")", PenguinFormat.Line(r, withProcname: true));
    }

    [Fact]
    public void Buffer_DoubleQuoteOnly_SingleQuotedRepr() =>
        Assert.Equal("""write(1, f, "b'say "hi"'")""", PenguinFormat.Line(new Write { Fd = 1, Fname = "f", Buffer = Ascii("say \"hi\"") }));

    [Fact]
    public void Buffer_Utf8Text_PrintsItsBytesEscaped()
    {
        // Python prints bytes, not text: "Ä🐧" in UTF-8 is c3 84 f0 9f 90 a7.
        var r = new Read { Fd = 3, Fname = "/ÄBC", Buffer = Encoding.UTF8.GetBytes("Ä🐧") };
        Assert.Equal("""read(3, /ÄBC, "b'\xc3\x84\xf0\x9f\x90\xa7'")""", PenguinFormat.Line(r));
    }

    [Theory]
    [InlineData(long.MinValue, "-9223372036854775808")]
    [InlineData(-1L, "-1")]
    [InlineData(0L, "0")]
    [InlineData(4294967295L, "4294967295")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void Fd_EveryRange_PrintsDecimal(long fd, string expected)
    {
        Assert.Equal("read(" + expected + ", f, \"\")", PenguinFormat.Line(new Read { Fd = fd, Fname = "f" }));
        Assert.Equal("write(" + expected + ", f, \"\")", PenguinFormat.Line(new Write { Fd = fd, Fname = "f" }));
    }

    [Fact]
    public void Fname_QuotesControlsAndUnicode_AreCopiedAsTheyAre()
    {
        var w = new Write { Procname = "日本語", Fd = 2, Fname = "/tmp/\"it's\"\n\t\\🐧", Buffer = Ascii("x") };
        Assert.Equal("(日本語) write(2, /tmp/\"it's\"\n\t\\🐧, \"b'x'\")", PenguinFormat.Line(w, withProcname: true));
    }

    [Fact]
    public void Fname_EmptyOrNone_PrintsAsPython()
    {
        // "" prints nothing; the string "None" and a NULL fname print alike.
        Assert.Equal("""write(1, , "")""", PenguinFormat.Line(new Write { Fd = 1, Fname = "" }));
        Assert.Equal("""write(1, None, "")""", PenguinFormat.Line(new Write { Fd = 1, Fname = "None" }));
        Assert.Equal("""write(1, None, "")""", PenguinFormat.Line(new Write { Fd = 1 }));
    }

    [Fact]
    public void Procname_NullOrEmpty_PrintsAsTheFileStoresIt()
    {
        Assert.Equal("""([?]) read(0, f, "")""", PenguinFormat.Line(new Read { Fd = 0, Fname = "f" }, withProcname: true));
        Assert.Equal("""([?]) write(0, f, "")""", PenguinFormat.Line(new Write { Fd = 0, Fname = "f" }, withProcname: true));
        Assert.Equal("""() read(0, f, "")""", PenguinFormat.Line(new Read { Procname = "", Fd = 0, Fname = "f" }, withProcname: true));
    }
}
