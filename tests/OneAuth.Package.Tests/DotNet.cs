using System.Diagnostics;
using System.Text;

namespace OneAuth.Package.Tests;

/// <summary>Runs the dotnet CLI as a user would, with a timeout, and captures what it prints.</summary>
public static class DotNet
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}";
    }

    public static Result Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var output = new StringBuilder();
        using Process process = Create(workingDirectory, args, line => { lock (output) output.AppendLine(line); });

        // Keep the consumer independent of the repository's build: no inherited MSBuild state.
        process.StartInfo.Environment.Remove("MSBuildExtensionsPath");
        process.StartInfo.Environment.Remove("MSBuildSDKsPath");
        process.StartInfo.Environment.Remove("MSBUILD_EXE_PATH");
        process.StartInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        Start(process);
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish in {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
            return new Result(process.ExitCode, output.ToString());
    }

    /// <summary>
    /// A <c>dotnet</c> process, not yet started, whose standard output and error lines go to <paramref name="onLine"/>;
    /// its <c>StartInfo.Environment</c> may still be changed before <see cref="Start"/>.
    /// </summary>
    internal static Process Create(string workingDirectory, IEnumerable<string> args, Action<string> onLine)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_NOLOGO"] = "1";

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        return process;
    }

    /// <summary>Starts a process made by <see cref="Create"/> and begins reading its output.</summary>
    internal static void Start(Process process)
    {
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }
}
