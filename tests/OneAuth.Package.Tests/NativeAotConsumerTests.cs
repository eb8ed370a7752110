using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Xunit;

namespace OneAuth.Package.Tests;

/// <summary>
/// A web API using the packed OneAuth.Analyzers (generated scheme and health check) and OneAuth.Testing (in-process
/// issuer and loopback JWKS), published with <c>PublishAot=true</c>: no trim or AOT warning, and the native binary
/// answers 401 and 200 as the JIT build does. The publish takes minutes on two cores, so it runs only when
/// <c>ONEAUTH_AOT_TESTS=1</c>.
/// </summary>
public class NativeAotConsumerTests
{
    private const string Switch = "ONEAUTH_AOT_TESTS";

    [SkippableFact]
    public async Task Publishes_with_Native_AOT_without_trim_warnings_and_answers_401_and_200()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable(Switch) == "1", $"Native AOT publish takes minutes; set {Switch}=1 to run it.");

        using var workspace = new ConsumerWorkspace();
        string consumer = workspace.NewConsumer("aot", "AotConsumer");
        string output = Path.Combine(consumer, "published");
        DotNet.Result publish = DotNet.Run(consumer, TimeSpan.FromMinutes(20),
            "publish", "-c", "Release", "-r", "linux-x64", "-o", output, "--disable-build-servers", "-p:UseSharedCompilation=false");

        Assert.True(publish.ExitCode == 0, publish.ToString());
        string[] trimWarnings = Regex.Matches(publish.Output, @"warning IL[23]\d{3}[^\r\n]*").Select(m => m.Value).Distinct().ToArray();
        Assert.True(trimWarnings.Length == 0, string.Join('\n', trimWarnings));

        using Process app = StartNative(Path.Combine(output, "AotConsumer"), out Uri baseUri);
        try
        {
            using var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
            string billing = await client.GetStringAsync("/mint/billing");
            string payments = await client.GetStringAsync("/mint/payments");

            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/me")).StatusCode);

            using HttpResponseMessage accepted = await SendAsync(client, billing);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal("billing:True", await accepted.Content.ReadAsStringAsync());

            using HttpResponseMessage rejected = await SendAsync(client, payments);
            Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
            Assert.Contains("WrongApp", rejected.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

            Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            app.WaitForExit();
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    /// <summary>Starts the native binary and reads the address it prints once Kestrel listens.</summary>
    private static Process StartNative(string path, out Uri baseUri)
    {
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        Process process = Process.Start(info)!;
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            string? line = process.StandardOutput.ReadLine();
            if (line is null)
                break;
            if (line.StartsWith("Listening=", StringComparison.Ordinal))
            {
                baseUri = new Uri(line["Listening=".Length..]);
                return process;
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("the native consumer did not report its address");
    }
}
