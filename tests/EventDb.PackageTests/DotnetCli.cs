using System.Diagnostics;
using System.Text;

namespace EventDb.PackageTests;

/// <summary>Runs the dotnet CLI as a child process, isolated from the test host's MSBuild environment.</summary>
internal static class DotnetCli
{
    // `dotnet test` exports these to the test host; a nested dotnet that inherits them may load the wrong MSBuild or SDK.
    private static readonly string[] s_inheritedMsBuildVariables =
        ["MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILDNOINPROCNODE"];

    public static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs <c>dotnet args</c> in <paramref name="workingDirectory"/> and returns its combined output; throws
    /// with that output when it exits non-zero or outlives <paramref name="timeout"/>.</summary>
    public static string Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var name in s_inheritedMsBuildVariables)
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        // No MSBuild worker nodes or compiler server outlive the child: nothing holds files in the temp folder, and
        // nothing is left behind for CI to wait on.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new InvalidOperationException($"'dotnet {string.Join(' ', args)}' did not finish within {timeout.TotalSeconds:F0} s:\n{Text(output)}");
        }
        process.WaitForExit(); // drains the asynchronous output readers
        string text = Text(output);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'dotnet {string.Join(' ', args)}' exited with {process.ExitCode} after {stopwatch.Elapsed.TotalSeconds:F1} s:\n{text}");
        return text;
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
            return output.ToString();
    }
}
