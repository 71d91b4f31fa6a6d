using System.Diagnostics;

namespace EventDb.Cli.Tests;

/// <summary>The real <c>sqlite3</c> shell (Debian's package, which CI installs), for comparing output byte for byte.</summary>
internal static class SqliteShell
{
    public static byte[] Run(string path, string sql, params string[] options)
    {
        var start = new ProcessStartInfo("sqlite3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var option in options)
            start.ArgumentList.Add(option);
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(sql);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("These tests need the sqlite3 shell (apt-get install sqlite3; .ci/run installs it).", ex);
        }
        using (process)
        {
            using var output = new MemoryStream();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"sqlite3 failed: {error.Result}");
            return output.ToArray();
        }
    }
}
