using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OneAuth.Testing.Tests;

/// <summary>
/// Drives interop/jose-interop.mjs: the jose npm package (pinned in interop/package-lock.json, installed with
/// <c>npm ci</c>) mints RS256 tokens with its own keys and verifies tokens against a JWKS. Created once per test
/// run; <see cref="SkipReason"/> is set only when <c>node</c> is not installed.
/// </summary>
public sealed class JoseInterop
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    public JoseInterop()
    {
        Directory = typeof(JoseInterop).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "InteropDirectory").Value!;

        if (FindOnPath("node") is null)
        {
            SkipReason = "node is not installed (the jose interop tests need Node.js 20 or later on PATH)";
            return;
        }

        (int exit, string output) = Run(FindOnPath("npm") ?? "npm", new[] { "ci", "--no-audit", "--no-fund" }, null);
        if (exit != 0)
            throw new InvalidOperationException($"npm ci failed in {Directory} (exit {exit}):\n{output}");
    }

    /// <summary>The folder holding package.json, package-lock.json and the script.</summary>
    public string Directory { get; }

    /// <summary>Why the interop tests cannot run here, or null.</summary>
    public string? SkipReason { get; }

    /// <summary>Tokens and a JWKS minted by jose with a fresh RSA 2048 key.</summary>
    public sealed record Minted(string Kid, string Jwks, string Valid, string OtherApp, string Expired);

    public Minted Mint(string issuer, string audience, string appId, string otherAppId)
    {
        JsonNode answer = Call(new JsonObject
        {
            ["command"] = "mint",
            ["issuer"] = issuer,
            ["audience"] = audience,
            ["appId"] = appId,
            ["otherAppId"] = otherAppId,
        });
        return new Minted(
            (string)answer["kid"]!,
            answer["jwks"]!.ToJsonString(),
            (string)answer["valid"]!,
            (string)answer["otherApp"]!,
            (string)answer["expired"]!);
    }

    /// <summary>
    /// Verifies each token with jose's jwtVerify (RS256 only, issuer, audience, exp required) against a JWKS given
    /// as text or fetched from a URI, plus an app_id string check. Returns null for accepted, else jose's error.
    /// </summary>
    public IReadOnlyList<string?> Verify(IEnumerable<string> tokens, string issuer, string audience, string appId, string? jwks = null, Uri? jwksUri = null)
    {
        var tokenArray = new JsonArray();
        foreach (string token in tokens)
            tokenArray.Add(token);
        JsonNode answer = Call(new JsonObject
        {
            ["command"] = "verify",
            ["issuer"] = issuer,
            ["audience"] = audience,
            ["appId"] = appId,
            ["jwks"] = jwks is null ? null : JsonNode.Parse(jwks),
            ["jwksUri"] = jwksUri?.AbsoluteUri,
            ["tokens"] = tokenArray,
        });
        return answer["results"]!.AsArray()
            .Select(r => (bool)r!["ok"]! ? null : (string?)r["error"] ?? "rejected")
            .ToArray();
    }

    private JsonNode Call(JsonObject request)
    {
        (int exit, string output) = Run(FindOnPath("node")!, new[] { "jose-interop.mjs" }, request.ToJsonString());
        if (exit != 0)
            throw new InvalidOperationException($"node jose-interop.mjs failed (exit {exit}):\n{output}");
        return JsonNode.Parse(output)!;
    }

    private (int ExitCode, string Output) Run(string program, string[] args, string? input)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (string arg in args)
            info.ArgumentList.Add(arg);

        using var process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
            process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {CommandTimeout}.");
        }

        process.WaitForExit();
        string output = stdout.GetAwaiter().GetResult();
        string errors = stderr.GetAwaiter().GetResult();
        return (process.ExitCode, process.ExitCode == 0 ? output : output + errors);
    }

    private static string? FindOnPath(string program)
    {
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string[] names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".cmd" } : new[] { program };
        return directories.SelectMany(d => names.Select(n => Path.Combine(d, n))).FirstOrDefault(File.Exists);
    }
}
