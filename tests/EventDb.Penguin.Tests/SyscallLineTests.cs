namespace EventDb.Penguin.Tests;

/// <summary>
/// <c>str(Syscall)</c> and <c>db syscalls</c> lines. The first tests are the rows and lines verified against Penguin's
/// own code; the rest are the rule <c>{name}({', '.join(f"{repr}({arg:#x})" for non-NULL args)}) = {retno}({retno_repr})</c>
/// at its limits.
/// </summary>
public class SyscallLineTests
{
    // Penguin's syscall logger fills the slots beyond a prototype's arguments with 0 and "".
    private static Syscall Unused(Syscall s) => s with
    {
        Arg0 = s.Arg0 ?? 0, Arg0Repr = s.Arg0Repr ?? "",
        Arg1 = s.Arg1 ?? 0, Arg1Repr = s.Arg1Repr ?? "",
        Arg2 = s.Arg2 ?? 0, Arg2Repr = s.Arg2Repr ?? "",
        Arg3 = s.Arg3 ?? 0, Arg3Repr = s.Arg3Repr ?? "",
        Arg4 = s.Arg4 ?? 0, Arg4Repr = s.Arg4Repr ?? "",
        Arg5 = s.Arg5 ?? 0, Arg5Repr = s.Arg5Repr ?? "",
    };

    [Fact]
    public void Verified_Write_ReprWithARealNewline_SpansTwoLines()
    {
        var s = Unused(new Syscall
        {
            Procname = "/igloo/utils/sh", Name = "sys_write", Retno = 12, RetnoRepr = "0xc",
            Arg0 = 1, Arg0Repr = "fd=0x1(/dev/ttyS0)",
            Arg1 = 0x4a5f20, Arg1Repr = "buf=0x4a5f20(\"Hello World\n\")",
            Arg2 = 12, Arg2Repr = "count=0xc",
        });
        Assert.Equal(
            "(/igloo/utils/sh) sys_write(fd=0x1(/dev/ttyS0)(0x1), buf=0x4a5f20(\"Hello World\n\")(0x4a5f20), count=0xc(0xc), (0x0), (0x0), (0x0)) = 12(0xc)",
            PenguinFormat.Line(s, withProcname: true));
    }

    [Fact]
    public void Verified_Openat_ArgumentAboveInt64Max_PrintsNegativeHex()
    {
        // arg0 is AT_FDCWD as a 64-bit guest passes it; the file holds it as -100, and Python prints -100 with #x.
        var s = Unused(new Syscall
        {
            Procname = "/bin/busybox", Name = "sys_openat", Retno = -2, RetnoRepr = "ENOENT(No such file or directory)",
            Arg0 = 0xffffffffffffff9c, Arg0Repr = "dfd=0xffffffffffffff9c",
            Arg1 = 0x7ffe0010, Arg1Repr = "filename=0x7ffe0010(\"/etc/config.xml\")",
            Arg2 = 0x80000, Arg2Repr = "flags=0x80000",
            Arg3 = 0, Arg3Repr = "mode=0x0",
        });
        Assert.Equal(
            """(/bin/busybox) sys_openat(dfd=0xffffffffffffff9c(-0x64), filename=0x7ffe0010("/etc/config.xml")(0x7ffe0010), flags=0x80000(0x80000), mode=0x0(0x0), (0x0), (0x0)) = -2(ENOENT(No such file or directory))""",
            PenguinFormat.Line(s, withProcname: true));
    }

    [Fact]
    public void Verified_Read_UnknownErrno_PrintsRetnoAndItsRepr()
    {
        var s = Unused(new Syscall
        {
            Procname = "httpd", Name = "sys_read", Retno = -512, RetnoRepr = "-0x200",
            Arg0 = 0, Arg0Repr = "fd=0x0([???])",
            Arg1 = 0xbeef00, Arg1Repr = "buf=0xbeef00(ptr)",
            Arg2 = 0x1000, Arg2Repr = "count=0x1000",
        });
        Assert.Equal(
            "(httpd) sys_read(fd=0x0([???])(0x0), buf=0xbeef00(ptr)(0xbeef00), count=0x1000(0x1000), (0x0), (0x0), (0x0)) = -512(-0x200)",
            PenguinFormat.Line(s, withProcname: true));
    }

    [Fact]
    public void Verified_Getpid_UnusedSlots_PrintSixEmptyReprs()
    {
        var s = Unused(new Syscall { Procname = "/bin/busybox", Name = "sys_getpid", Retno = 117, RetnoRepr = "0x75" });
        Assert.Equal(
            "(/bin/busybox) sys_getpid((0x0), (0x0), (0x0), (0x0), (0x0), (0x0)) = 117(0x75)",
            PenguinFormat.Line(s, withProcname: true));
    }

    [Fact]
    public void Verified_Getpid_WithoutProcname_DropsThePrefix()
    {
        // db syscalls --procname box: the prefix is left out.
        var s = Unused(new Syscall { Procname = "/bin/busybox", Name = "sys_getpid", Retno = 117, RetnoRepr = "0x75" });
        const string Expected = "sys_getpid((0x0), (0x0), (0x0), (0x0), (0x0), (0x0)) = 117(0x75)";
        Assert.Equal(Expected, PenguinFormat.Line(s, withProcname: false));
        Assert.Equal(Expected, PenguinFormat.Line(s));
    }

    [Fact]
    public void Verified_NullArgumentsAndReturn_PrintEmptyParenthesesAndNone()
    {
        var s = new Syscall { Procname = "[none]", Name = "sys_getpid" };
        Assert.Equal("([none]) sys_getpid() = None(None)", PenguinFormat.Line(s, withProcname: true));
    }

    [Theory]
    [InlineData(ulong.MaxValue, "-0x1")]
    [InlineData(0xfffffffffffffffeUL, "-0x2")]
    [InlineData(0x8000000000000000UL, "-0x8000000000000000")]
    [InlineData(0x8000000000000001UL, "-0x7fffffffffffffff")]
    [InlineData(0x7fffffffffffffffUL, "0x7fffffffffffffff")]
    [InlineData(0xffffffc000001000UL, "-0x3ffffff000")]    // a kernel address
    [InlineData(0xffffff9cUL, "0xffffff9c")]                // AT_FDCWD from a 32-bit guest stays positive
    [InlineData(0xffffffffUL, "0xffffffff")]
    [InlineData(0x100000000UL, "0x100000000")]
    [InlineData(0UL, "0x0")]
    [InlineData(0xabcdefUL, "0xabcdef")]
    public void Argument_EveryRange_PrintsPythonHexOfTheStoredSignedValue(ulong value, string hex)
    {
        var s = new Syscall { Name = "sys_x", Retno = 0, RetnoRepr = "0x0", Arg0 = value, Arg0Repr = "a=x" };
        Assert.Equal("sys_x(a=x(" + hex + ")) = 0(0x0)", PenguinFormat.Line(s));
    }

    [Theory]
    [InlineData(long.MinValue, "-9223372036854775808")]
    [InlineData(long.MinValue + 1, "-9223372036854775807")]
    [InlineData(-1L, "-1")]
    [InlineData(0L, "0")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(4294967295L, "4294967295")]
    public void Retno_EveryRange_PrintsDecimal(long retno, string expected)
    {
        var s = new Syscall { Name = "sys_x", Retno = retno, RetnoRepr = "r" };
        Assert.Equal("sys_x() = " + expected + "(r)", PenguinFormat.Line(s));
    }

    [Fact]
    public void Retno_NullWithRepr_PrintsNoneAndTheRepr()
    {
        var s = new Syscall { Name = "sys_x", RetnoRepr = "0x0" };
        Assert.Equal("sys_x() = None(0x0)", PenguinFormat.Line(s));
    }

    [Fact]
    public void RetnoRepr_NullAndEmpty_PrintNoneAndNothing()
    {
        Assert.Equal("sys_x() = -1(None)", PenguinFormat.Line(new Syscall { Name = "sys_x", Retno = -1 }));
        Assert.Equal("sys_x() = 0()", PenguinFormat.Line(new Syscall { Name = "sys_x", Retno = 0, RetnoRepr = "" }));
    }

    [Fact]
    public void ArgumentRepr_NullWithValue_PrintsNone()
    {
        var s = new Syscall { Name = "sys_x", Retno = 0, RetnoRepr = "0x0", Arg0 = 5, Arg1 = 0, Arg1Repr = "" };
        Assert.Equal("sys_x(None(0x5), (0x0)) = 0(0x0)", PenguinFormat.Line(s));
    }

    [Fact]
    public void ArgumentRepr_WithValueNull_IsLeftOutWithItsValue()
    {
        // Only the value decides: a repr without a value is not printed at all.
        var s = new Syscall { Name = "sys_x", Retno = 0, RetnoRepr = "0x0", Arg0Repr = "lost=1", Arg1 = 1, Arg1Repr = "b=1" };
        Assert.Equal("sys_x(b=1(0x1)) = 0(0x0)", PenguinFormat.Line(s));
    }

    [Fact]
    public void Arguments_NullBetweenValues_AreSkippedAndTheRestJoinedWithCommaSpace()
    {
        var s = new Syscall
        {
            Name = "sys_x", Retno = 0, RetnoRepr = "0x0",
            Arg1 = 1, Arg1Repr = "a",
            Arg3 = 0x30, Arg3Repr = "c",
            Arg5 = ulong.MaxValue, Arg5Repr = "z",
        };
        Assert.Equal("sys_x(a(0x1), c(0x30), z(-0x1)) = 0(0x0)", PenguinFormat.Line(s));
    }

    [Fact]
    public void Arguments_OnlyTheLast_PrintsItAlone()
    {
        var s = new Syscall { Name = "sys_x", Retno = 0, RetnoRepr = "0x0", Arg5 = 0, Arg5Repr = "r" };
        Assert.Equal("sys_x(r(0x0)) = 0(0x0)", PenguinFormat.Line(s));
    }

    [Fact]
    public void Arguments_AllSixAtTheLimits_PrintInOrder()
    {
        var s = new Syscall
        {
            Name = "sys_x", Retno = long.MinValue, RetnoRepr = "-0x8000000000000000",
            Arg0 = ulong.MaxValue, Arg0Repr = "a",
            Arg1 = 0x8000000000000000, Arg1Repr = "b",
            Arg2 = 0x7fffffffffffffff, Arg2Repr = "c",
            Arg3 = 0, Arg3Repr = "d",
            Arg4 = 1, Arg4Repr = null,
            Arg5 = 0xffffffff, Arg5Repr = "",
        };
        Assert.Equal(
            "sys_x(a(-0x1), b(-0x8000000000000000), c(0x7fffffffffffffff), d(0x0), None(0x1), (0xffffffff)) = -9223372036854775808(-0x8000000000000000)",
            PenguinFormat.Line(s));
    }

    [Fact]
    public void Reprs_QuotesBackslashesControlsAndUnicode_AreCopiedAsTheyAre()
    {
        // Reprs are str columns: {x} prints them unquoted and unescaped.
        var s = new Syscall
        {
            Procname = "进程🐧", Name = "sys_ünïcode", Retno = 0, RetnoRepr = "ok\t✓",
            Arg0 = 0x1, Arg0Repr = "path=0x1(\"/tmp/日本/🐧 it's \\ \"\r\n\u001b[0m\")",
        };
        Assert.Equal(
            "(进程🐧) sys_ünïcode(path=0x1(\"/tmp/日本/🐧 it's \\ \"\r\n\u001b[0m\")(0x1)) = 0(ok\t✓)",
            PenguinFormat.Line(s, withProcname: true));
    }

    [Fact]
    public void Procname_NullOrEmpty_PrintsAsTheFileStoresIt()
    {
        // A null Procname is written as "[?]" (Event's [Column(Default = "[?]")]), so db prints "([?]) ".
        var s = new Syscall { Name = "sys_x", Retno = 0, RetnoRepr = "0x0" };
        Assert.Equal("([?]) sys_x() = 0(0x0)", PenguinFormat.Line(s, withProcname: true));
        Assert.Equal("() sys_x() = 0(0x0)", PenguinFormat.Line(s with { Procname = "" }, withProcname: true));
    }

    [Fact]
    public void Name_EmptyOrNull_PrintsNothingOrNone()
    {
        // Penguin's name column is NOT NULL; a default struct still prints what Python would print for None.
        Assert.Equal("() = 0(0x0)", PenguinFormat.Line(new Syscall { Name = "", Retno = 0, RetnoRepr = "0x0" }));
        Assert.Equal("None() = None(None)", PenguinFormat.Line(default(Syscall)));
    }
}
