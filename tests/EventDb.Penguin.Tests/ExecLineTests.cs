namespace EventDb.Penguin.Tests;

/// <summary><c>str(Exec)</c> and <c>db execs</c> lines: <c>Exec: "{argv}" {calltree}</c>.</summary>
public class ExecLineTests
{
    [Fact]
    public void Verified_EmptyCalltree_EndsWithASpace()
    {
        var e = new Exec
        {
            Procname = "[?]", Calltree = "", Argc = "3", Argv = "['/bin/sh', '-c', 'echo hi']",
            Envp = "{'PATH': '/bin:/sbin', 'HOME': '/'}", Euid = -1, Egid = -1,
        };
        Assert.Equal("""([?]) Exec: "['/bin/sh', '-c', 'echo hi']" """, PenguinFormat.Line(e, withProcname: true));
    }

    [Fact]
    public void Verified_WithCalltree()
    {
        var e = new Exec { Procname = "[?]", Calltree = "init -> rcS", Argc = "1", Argv = "['/usr/sbin/httpd']", Envp = "{}", Euid = 0, Egid = 0 };
        Assert.Equal("""([?]) Exec: "['/usr/sbin/httpd']" init -> rcS""", PenguinFormat.Line(e, withProcname: true));
    }

    [Fact]
    public void WithoutProcname_IsStrOfTheEvent()
    {
        var e = new Exec { Procname = "[?]", Calltree = "", Argv = "['/bin/true']", Argc = "1", Envp = "{}" };
        Assert.Equal("""Exec: "['/bin/true']" """, PenguinFormat.Line(e));
        Assert.Equal("""Exec: "['/bin/true']" """, PenguinFormat.Line(e, withProcname: false));
    }

    [Fact]
    public void ArgcEnvpEuidEgid_AreNotPrinted()
    {
        var e = new Exec { Calltree = "t", Argc = "99", Argv = "a", Envp = "{'X': '1'}", Euid = long.MinValue, Egid = long.MaxValue };
        Assert.Equal("""Exec: "a" t""", PenguinFormat.Line(e));
    }

    [Fact]
    public void Argv_EmptyQuotesAndUnicode_AreCopiedAsTheyAre()
    {
        Assert.Equal("""Exec: "" """, PenguinFormat.Line(new Exec { Argv = "", Calltree = "" }));
        // A Python list repr picks double quotes for an item with a single quote; the outer quotes are literal anyway.
        Assert.Equal(
            "Exec: \"['/bin/echo', \"it's\", 'a\\\\b', '日本🐧']\" sh -> 进程",
            PenguinFormat.Line(new Exec { Argv = "['/bin/echo', \"it's\", 'a\\\\b', '日本🐧']", Calltree = "sh -> 进程" }));
    }

    [Fact]
    public void NullColumns_PrintNone()
    {
        // NOT NULL in Penguin; a default struct still prints what Python would print for None.
        Assert.Equal("""Exec: "None" None""", PenguinFormat.Line(default(Exec)));
        Assert.Equal("""([?]) Exec: "None" None""", PenguinFormat.Line(default(Exec), withProcname: true));
    }
}
