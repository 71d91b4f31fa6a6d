namespace EventDb.Penguin.Tests;

/// <summary>
/// <c>str(ProcStart)</c> and <c>str(ProcExit)</c>. No <c>db</c> subcommand prints them (only their procname shows in
/// <c>db tasks</c>), so there is no prefixed form.
/// </summary>
public class ProcLineTests
{
    [Fact]
    public void Verified_ProcStart()
    {
        var p = new ProcStart { Procname = "httpd", Pid = 400, Ppid = 1, CreateTime = 1_700_000_000, Comm = "httpd", Uid = 0, Gid = 0, Euid = 0, Egid = 0 };
        Assert.Equal("ProcStart: pid=400 ppid=1 comm=httpd", PenguinFormat.Line(p));
    }

    [Fact]
    public void Verified_ProcExit()
    {
        var p = new ProcExit { Procname = "", Pid = 400, CreateTime = 1_700_000_000, Code = 139, Reason = "signal:SIGSEGV" };
        Assert.Equal("ProcExit: pid=400 code=139 (signal:SIGSEGV)", PenguinFormat.Line(p));
    }

    [Fact]
    public void ProcStart_Limits_PrintDecimalAndTextAsIs()
    {
        Assert.Equal(
            "ProcStart: pid=-9223372036854775808 ppid=9223372036854775807 comm=",
            PenguinFormat.Line(new ProcStart { Pid = long.MinValue, Ppid = long.MaxValue, Comm = "" }));
        Assert.Equal(
            "ProcStart: pid=-1 ppid=0 comm=kworker/0:1 进程🐧 \"it's\"",
            PenguinFormat.Line(new ProcStart { Pid = -1, Ppid = 0, Comm = "kworker/0:1 进程🐧 \"it's\"" }));
        Assert.Equal("ProcStart: pid=0 ppid=0 comm=None", PenguinFormat.Line(default(ProcStart)));
    }

    [Fact]
    public void ProcExit_Limits_PrintDecimalAndTextAsIs()
    {
        Assert.Equal(
            "ProcExit: pid=9223372036854775807 code=-9223372036854775808 ()",
            PenguinFormat.Line(new ProcExit { Pid = long.MaxValue, Code = long.MinValue, Reason = "" }));
        Assert.Equal("ProcExit: pid=1 code=0 (exit_group)", PenguinFormat.Line(new ProcExit { Pid = 1, Code = 0, Reason = "exit_group" }));
        Assert.Equal("ProcExit: pid=0 code=0 (None)", PenguinFormat.Line(default(ProcExit)));
    }
}
