using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace EventDb.Hosting.Tests;

/// <summary>Runs tests/EventDb.HostingChild (a Generic Host with AddEventDb and a producer) and stops it with SIGTERM.</summary>
internal static class HostingChild
{
    /// <summary>What the child printed and how it ended.</summary>
    public sealed record Result(int ExitCode, long Added, long Written, string Output, string Errors);

    /// <summary>
    /// Starts the child on <paramref name="directory"/>, waits for "ready", sends SIGTERM, and waits for it to exit.
    /// <paramref name="order"/> is "before" or "after": where the producer is registered relative to AddEventDb.
    /// </summary>
    public static Result RunUntilSigterm(string directory, string order)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory, // the host's content root: it watches it for appsettings.json
        };
        start.ArgumentList.Add(ChildPath());
        start.ArgumentList.Add(directory);
        start.ArgumentList.Add(order);
        using var child = Process.Start(start)!;
        var errors = new StringBuilder();
        child.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        child.BeginErrorReadLine();
        // A child that hangs (never gets ready, or never stops) must fail the test, not hang the run.
        using var watchdog = new Timer(_ => KillQuietly(child), null, TimeSpan.FromSeconds(120), Timeout.InfiniteTimeSpan);

        string? first = child.StandardOutput.ReadLine();
        if (first == "ready")
        {
            // Land the signal at an arbitrary point: while the producer waits for room, mid-flush, or between flushes.
            Thread.Sleep(Random.Shared.Next(0, 300));
            Assert.True(Posix.Kill(child.Id, Posix.SigTerm) == 0, $"kill(SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
        string rest = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        string output = $"{first}\n{rest}";
        string stderr;
        lock (errors)
            stderr = errors.ToString();
        Assert.True(first == "ready", $"the child never got ready (exit {child.ExitCode}); stdout: {output} stderr: {stderr}");

        var counts = rest.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Split(' ') ?? [];
        long Count(string name) => counts.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) is { } c
            ? long.Parse(c[(name.Length + 1)..], CultureInfo.InvariantCulture)
            : -1;
        return new Result(child.ExitCode, Count("added"), Count("written"), output, stderr);
    }

    /// <summary>EventDb.HostingChild.dll, as its own build reported it (baked in by this project's csproj).</summary>
    private static string ChildPath()
    {
        var path = typeof(HostingChild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "EventDb.HostingChild").Value;
        Assert.True(File.Exists(path), $"the hosting child is not built at '{path}'");
        return path!;
    }

    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
            return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private static void KillQuietly(Process child)
    {
        try
        {
            child.Kill();
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }
}
