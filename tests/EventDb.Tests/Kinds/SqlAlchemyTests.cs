using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EventDb.Tests.Fixtures;

namespace EventDb.Tests.Kinds;

/// <summary>
/// A Python program reads a file EventDb wrote with SQLAlchemy (Debian's python3-sqlalchemy, which .ci/run installs):
/// dates, offsets, time spans, GUIDs, decimals, chars, Halfs and enum names come back as the type table says.
/// </summary>
public sealed class SqlAlchemyTests : IDisposable
{
    // Debian's interpreter, where apt installs python3-sqlalchemy; a python3 earlier on PATH (pyenv, a venv) may lack it.
    private const string Python = "/usr/bin/python3";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly EveryKind[] s_rows =
    [
        KindCases.Blank with
        {
            DateTime = DateTime.MinValue, DateTimeOffset = DateTimeOffset.MinValue, TimeSpan = TimeSpan.MinValue, Guid = Guid.Empty,
            Decimal = decimal.MinValue, Char = '\0', Half = Half.MinValue, EnumName = Mood.Sad, MaybeEnumName = (Mood)42,
            UInt64 = ulong.MaxValue, Bool = true, Double = Math.PI, Bytes = [1, 2, 255], Enum = Mood.Sad,
        },
        KindCases.Blank with
        {
            DateTime = KindCases.Instant, DateTimeOffset = new DateTimeOffset(KindCases.Instant.Ticks, TimeSpan.FromHours(14)),
            TimeSpan = new TimeSpan(1, 2, 3, 4, 500), Guid = new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
            Decimal = 0.0000000000000000000000000001m, Char = 'é', Half = (Half)0.5, EnumName = Mood.Happy,
        },
        KindCases.Blank with
        {
            DateTime = DateTime.MaxValue, DateTimeOffset = new DateTimeOffset(DateTime.MaxValue.AddHours(-12), TimeSpan.FromHours(-12)),
            TimeSpan = TimeSpan.MaxValue, Guid = Guid.AllBitsSet, Decimal = decimal.MaxValue, Char = '\uFFFF', Half = Half.PositiveInfinity,
            EnumName = Mood.Calm,
        },
    ];

    [Fact]
    public void SqlAlchemy_EveryKindStoredAsTextOrReal_ReadsBackAsTheTypeTableSays()
    {
        using (var log = EventLogger.Open(_dir.Options()))
        {
            foreach (var row in s_rows)
                log.Add(row);
        }

        using var output = JsonDocument.Parse(RunPython(Path.Combine(AppContext.BaseDirectory, "Kinds", "read_with_sqlalchemy.py"), _dir.DbPath));
        var rows = output.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(s_rows.Length, rows.Count);
        for (int i = 0; i < s_rows.Length; i++)
        {
            var sent = s_rows[i];
            var back = rows[i];
            // DATETIME keeps microseconds: the seventh digit (100 ns) is dropped, not rounded.
            Assert.Equal(Micro(sent.DateTime), back.GetProperty("date_time").GetString());
            Assert.Equal(Micro(sent.DateTime), back.GetProperty("date_time_regexp").GetString());
            // DATETIME drops the offset: the local wall-clock time of the DateTimeOffset, naive.
            Assert.Equal(Micro(sent.DateTimeOffset.DateTime), back.GetProperty("date_time_offset").GetString());
            Assert.Equal(sent.DateTimeOffset.ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture), back.GetProperty("date_time_offset_parsed").GetString());
            Assert.Equal(sent.TimeSpan.ToString("c", CultureInfo.InvariantCulture), back.GetProperty("time_span").GetString());
            Assert.Equal(sent.Guid.ToString("D"), back.GetProperty("guid").GetString());
            Assert.Equal(sent.Decimal.ToString(CultureInfo.InvariantCulture), back.GetProperty("decimal").GetString());
            Assert.Equal(sent.Char.ToString(), back.GetProperty("char").GetString());
            Assert.Equal(PythonRepr(sent.Half), back.GetProperty("half").GetString());
            Assert.Equal(KindCases.StoredName(sent.EnumName), back.GetProperty("enum_name").GetString());
            Assert.Equal(sent.UInt64.ToString(CultureInfo.InvariantCulture), back.GetProperty("u_int64").GetString());
            Assert.Equal(sent.Bool ? "True" : "False", back.GetProperty("bool").GetString());
            Assert.Equal(sent.Double, double.Parse(back.GetProperty("double").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(Convert.ToHexStringLower(sent.Bytes), back.GetProperty("bytes").GetString());
            Assert.Equal((int)sent.Enum, back.GetProperty("enum").GetInt32());
        }
        // SQLAlchemy's Enum knows names only: the number EventDb stores for a value no member has is a LookupError.
        Assert.Equal("LookupError", output.RootElement.GetProperty("unnamed_enum_value").GetString());
    }

    private static string Micro(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static string PythonRepr(Half value) =>
        Half.IsPositiveInfinity(value) ? "inf" : ((double)value).ToString("0.0###############", CultureInfo.InvariantCulture);

    private static string RunPython(string script, string database)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: apt-get install python3-sqlalchemy (.ci/run does)");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(database);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("python3 did not finish within a minute");
        }
        Assert.True(process.ExitCode == 0,
            $"python3 {Path.GetFileName(script)} failed ({process.ExitCode}); without SQLAlchemy: apt-get install python3-sqlalchemy python3-sqlalchemy-ext\n{stderr.Result}");
        return stdout.Result;
    }
}
