namespace EventDb.Penguin.Tests;

/// <summary>
/// <c>db tasks</c> (one distinct procname per line) and <c>db fds</c> (one distinct (procname, fd, fname) of the write
/// table per line) in plain mode, i.e. with <c>--output</c> set; rich's rendering on stdout is not part of the line.
/// </summary>
public class TaskAndFdLineTests
{
    [Theory]
    [InlineData("[?]", "[?]")]
    [InlineData("/igloo/utils/sh", "/igloo/utils/sh")]
    [InlineData("/bin/busybox", "/bin/busybox")]
    [InlineData("httpd", "httpd")]
    [InlineData("", "")]                          // a process exit's procname: an empty line
    [InlineData("[none]", "[none]")]              // rich would eat it as markup on stdout; plain text keeps it
    [InlineData("进程 🐧 \"it's\"", "进程 🐧 \"it's\"")]
    [InlineData(null, "[?]")]                     // what the file stores for a null Procname
    public void Verified_TaskLine_IsTheProcname(string? procname, string expected) =>
        Assert.Equal(expected, PenguinFormat.TaskLine(procname));

    [Fact]
    public void Verified_FdLines_WithProcname()
    {
        Assert.Equal("(/igloo/utils/sh) 1 /dev/ttyS0", PenguinFormat.FdLine("/igloo/utils/sh", 1, "/dev/ttyS0", withProcname: true));
        Assert.Equal("(httpd) 4 /var/log/it's.log", PenguinFormat.FdLine("httpd", 4, "/var/log/it's.log", withProcname: true));
        Assert.Equal("(httpd) 9 None", PenguinFormat.FdLine("httpd", 9, null, withProcname: true));
    }

    [Fact]
    public void Verified_FdLines_WithoutProcname()
    {
        // db fds --procname http
        Assert.Equal("4 /var/log/it's.log", PenguinFormat.FdLine("httpd", 4, "/var/log/it's.log", withProcname: false));
        Assert.Equal("9 None", PenguinFormat.FdLine("httpd", 9, null, withProcname: false));
    }

    [Fact]
    public void FdLine_BracketsInNames_ArePlainText() =>
        Assert.Equal("([none]) 2 pipe:[123]", PenguinFormat.FdLine("[none]", 2, "pipe:[123]", withProcname: true));

    [Theory]
    [InlineData(long.MinValue, "-9223372036854775808")]
    [InlineData(-1L, "-1")]
    [InlineData(0L, "0")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void FdLine_Fd_PrintsDecimal(long fd, string expected) =>
        Assert.Equal("(p) " + expected + " f", PenguinFormat.FdLine("p", fd, "f", withProcname: true));

    [Fact]
    public void FdLine_EmptyAndNullAndUnicode_PrintAsPython()
    {
        Assert.Equal("() 2 ", PenguinFormat.FdLine("", 2, "", withProcname: true));
        Assert.Equal("([?]) 2 None", PenguinFormat.FdLine(null, 2, null, withProcname: true));
        Assert.Equal("(日本) 7 /tmp/🐧\n\"x\"", PenguinFormat.FdLine("日本", 7, "/tmp/🐧\n\"x\"", withProcname: true));
    }
}
