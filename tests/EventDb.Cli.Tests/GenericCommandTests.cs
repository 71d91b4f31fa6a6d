using System.Globalization;

namespace EventDb.Cli.Tests;

/// <summary><c>info</c>, <c>schema</c>, <c>query</c> and <c>tail</c> on any file: plain lines in a pipe, aligned on a terminal.</summary>
public sealed class GenericCommandTests(PenguinFile file) : IClassFixture<PenguinFile>
{
    [Fact]
    public void Info_Piped_KeyTabValueLinesAndOneLinePerTable()
    {
        var run = CliRun.Of("info", file.DbPath);
        Assert.Equal("", run.Err);
        long size = new FileInfo(file.DbPath).Length;
        Assert.Equal(
            $"file\t{file.DbPath}\nsize\t{size.ToString(CultureInfo.InvariantCulture)}\njournal_mode\tdelete\npage_size\t4096\nwriter_pid\t\nids\t1\t16\n"
            + "table\tevent\t16\t1\t16\ntable\texec\t2\t1\t2\ntable\tproc_exit\t1\t16\t16\ntable\tproc_start\t1\t15\t15\n"
            + "table\tread\t4\t8\t11\ntable\tsyscall\t5\t3\t7\ntable\twrite\t3\t12\t14\n",
            run.Out);
    }

    [Fact]
    public void Info_Directory_MeansItsPluginsDb() => Assert.Equal(CliRun.Of("info", file.DbPath).Out, CliRun.Of("info", file.Results).Out);

    [Fact]
    public void Info_Terminal_AlignedWithTheTableOfTables()
    {
        var run = CliRun.With(terminal: true, color: false, "info", file.Results);
        Assert.Contains("journal mode  delete\n", run.Out);
        Assert.Contains("writer        none\n", run.Out);
        Assert.Contains("ids           1 to 16\n", run.Out);
        Assert.Contains("table       rows  first id  last id  columns\n", run.Out);
        Assert.Contains("syscall        5         3        7  id, name, retno,", run.Out);
    }

    [Fact]
    public void Schema_TheCreateStatementsAsStored_EachWithASemicolon() =>
        Assert.Equal(SqlFile.PenguinSchema.TrimEnd() + "\n", CliRun.Of("schema", file.Results).Out);

    [Fact]
    public void Query_TablePiped_HeaderThenTabSeparatedRows_EscapesKeepARowOnOneLine()
    {
        var run = CliRun.Of("query", file.DbPath, "select id, fd, fname, buffer, null as n from read where id in (8, 9) order by id");
        Assert.Equal("id\tfd\tfname\tbuffer\tn\n8\t3\t/etc/passwd\tx'726f6f743a3a303a303a726f6f743a2f726f6f743a2f62696e2f73680a'\t\n9\t5\tsocket:[4242]\tx'474554202f20485454502f312e310d0a486f73743a20780d0a0d0a'\t\n", run.Out);
        var text = CliRun.Of("query", file.DbPath, "select 'a\tb' || char(10) || 'c\\d' as t");
        Assert.Equal("t\na\\tb\\nc\\\\d\n", text.Out);
    }

    [Fact]
    public void Query_TableOnTerminal_AlignedNumbersRight()
    {
        var run = CliRun.With(terminal: true, color: false, "query", file.DbPath, "select id, procname from event where id in (1, 10, 16) order by id");
        Assert.Equal("id  procname\n──  ────────\n 1  [?]\n10  httpd\n16  \n", run.Out);
    }

    [Fact]
    public void Query_Json_OneArrayOfObjects()
    {
        var run = CliRun.Of("query", file.DbPath, "select id, fd, fname, buffer, 1.5 as r, null as n from write order by id", "--format", "json");
        Assert.Equal(
            "[\n{\"id\":12,\"fd\":1,\"fname\":\"/dev/ttyS0\",\"buffer\":\"SGVsbG8gV29ybGQK\",\"r\":1.5,\"n\":null},\n"
            + "{\"id\":13,\"fd\":4,\"fname\":\"/var/log/it's.log\",\"buffer\":\"AAF/gP9cJyIJ\",\"r\":1.5,\"n\":null},\n"
            + "{\"id\":14,\"fd\":9,\"fname\":null,\"buffer\":\"\",\"r\":1.5,\"n\":null}\n]\n",
            run.Out);
        Assert.Equal("[]\n", CliRun.Of("query", file.DbPath, "select * from write where 0", "--format", "json").Out);
    }

    [Fact]
    public void Query_Jsonl_OneObjectPerLine_TextStaysUtf8() =>
        Assert.Equal("{\"procname\":\"[/bin/sh]\",\"fname\":\"/ÄBC\"}\n{\"procname\":\"httpd\",\"fname\":\"?\"}\n",
            CliRun.Of("query", file.DbPath, "select procname, fname from read join event using (id) where fd <= 3 and fd <> 3 or fname like '/Ä%' order by procname", "--format", "jsonl").Out);

    [Fact]
    public void Query_Write_FailsOnTheReadOnlyConnection()
    {
        var run = CliRun.Of("query", file.DbPath, "delete from event");
        Assert.Equal(1, run.Exit);
        Assert.Contains("the file is open readonly and the statement would write", run.Err);
        Assert.Equal("n\n16\n", CliRun.Of("query", file.DbPath, "select count(*) as n from event").Out);
    }

    [Fact]
    public void Query_BadSql_OneLineError()
    {
        var run = CliRun.Of("query", file.DbPath, "select *\nfrom nope");
        Assert.Equal(1, run.Exit);
        Assert.StartsWith("eventdb: ", run.Err);
        Assert.Contains("no such table: nope", run.Err);
        Assert.Single(run.Err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Tail_LastRowsInIdOrder_TheTablesOwnColumns()
    {
        var run = CliRun.Of("tail", file.Results, "write", "-n", "2");
        Assert.Equal("id\tfd\tfname\tbuffer\n13\t4\t/var/log/it's.log\tx'00017f80ff5c272209'\n14\t9\t\tx''\n", run.Out);
        Assert.Equal(4, CliRun.Of("tail", file.Results, "write").Lines.Length);          // default 10: all three
        Assert.Equal(["id\tfd\tfname\tbuffer"], CliRun.Of("tail", file.Results, "write", "-n", "0").Lines);
    }

    [Fact]
    public void Tail_Jsonl() =>
        Assert.Equal("{\"id\":16,\"pid\":400,\"create_time\":0,\"code\":139,\"reason\":\"signal:SIGSEGV\"}\n",
            CliRun.Of("tail", file.DbPath, "proc_exit", "--format", "jsonl").Out);

    [Fact]
    public void Tail_MissingTable_NamesTheTables()
    {
        var run = CliRun.Of("tail", file.DbPath, "nope");
        Assert.Equal(1, run.Exit);
        Assert.Equal($"eventdb: '{file.DbPath}' has no table 'nope' (its tables: event, exec, proc_exit, proc_start, read, syscall, write).\n", run.Err);
    }
}
