using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using OneAuth.Testing;

[assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com", Audience = "billing-api")]

// Usage: dotnet run -c Release -- [--cache 0|1024] [--connections 16] [--seconds 5] [--rounds 4]
// Prints one line per round and endpoint, then the medians: requests/s and p99 latency.
var settings = Settings.Parse(args);
using var issuer = new TestIssuer("https://auth.example.com");
using JwksServer jwks = issuer.StartJwksServer();

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
builder.Services.AddAuthentication()
    .AddAppToken(o =>
    {
        o.JwksUri = jwks.JwksUri;
        o.VerifiedTokenCacheCapacity = settings.Cache;
    })
    .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o => JwtBearerSameChecks.Configure(o, jwks.JwksUri));
builder.Services.AddAuthorization(o =>
{
    o.AddPolicy("apptoken", p => p.AddAuthenticationSchemes("AppToken").RequireAuthenticatedUser());
    o.AddPolicy("jwtbearer", p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());
});

WebApplication app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/apptoken", () => "ok").RequireAuthorization("apptoken");
app.MapGet("/jwtbearer", () => "ok").RequireAuthorization("jwtbearer");
await app.StartAsync();

string token = issuer.MintToken("billing", "billing-api", t => t.Subject("user-1"));
var baseUri = new Uri(app.Urls.Single());
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Connections }) { BaseAddress = baseUri };
client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

// Both schemes must accept the token and refuse another app's before anything is timed.
string other = issuer.MintToken("payments", "billing-api");
foreach (string path in new[] { "/apptoken", "/jwtbearer" })
{
    await LoadLoop.ExpectAsync(client, path, token, 200);
    await LoadLoop.ExpectAsync(client, path, other, 401);
}

Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}  cache={settings.Cache} connections={settings.Connections} seconds={settings.Seconds} rounds={settings.Rounds}");
await LoadLoop.RunAsync(client, "/apptoken", settings.Connections, TimeSpan.FromSeconds(2));   // warm-up
await LoadLoop.RunAsync(client, "/jwtbearer", settings.Connections, TimeSpan.FromSeconds(2));

var results = new Dictionary<string, List<LoadResult>> { ["/apptoken"] = new(), ["/jwtbearer"] = new() };
for (int round = 0; round < settings.Rounds; round++)
{
    // Alternate which endpoint goes first, so drift in the machine's load hits both alike.
    string[] order = round % 2 == 0 ? new[] { "/apptoken", "/jwtbearer" } : new[] { "/jwtbearer", "/apptoken" };
    foreach (string path in order)
    {
        LoadResult r = await LoadLoop.RunAsync(client, path, settings.Connections, TimeSpan.FromSeconds(settings.Seconds));
        results[path].Add(r);
        Console.WriteLine($"round {round + 1} {path,-11} {r.RequestsPerSecond,9:F0} req/s  p50 {r.P50Ms,6:F2} ms  p99 {r.P99Ms,6:F2} ms  cpu {r.CpuMicrosPerRequest,6:F1} us/req  errors {r.Errors}");
    }
}

foreach ((string path, List<LoadResult> rounds) in results)
{
    double rps = Median(rounds.Select(r => r.RequestsPerSecond));
    double p99 = Median(rounds.Select(r => r.P99Ms));
    double cpu = Median(rounds.Select(r => r.CpuMicrosPerRequest));
    Console.WriteLine($"median {path,-11} {rps,9:F0} req/s  p99 {p99,6:F2} ms  cpu {cpu,6:F1} us/req");
}

Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}");
await app.StopAsync();

static double Median(IEnumerable<double> values)
{
    double[] sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

internal sealed record Settings(int Cache, int Connections, int Seconds, int Rounds)
{
    public static Settings Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new Settings(Get("--cache", 0), Get("--connections", 16), Get("--seconds", 5), Get("--rounds", 4));
    }
}

/// <summary>
/// One timed run. <see cref="CpuMicrosPerRequest"/> is this process's CPU time (server and load loop together) per
/// request: unlike requests/s it barely moves when other processes take the cores.
/// </summary>
internal sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P99Ms, double CpuMicrosPerRequest, int Errors);

/// <summary>A closed-loop load generator: <c>connections</c> workers, each sending its next request when the last one is answered.</summary>
internal static class LoadLoop
{
    public static async Task ExpectAsync(HttpClient client, string path, string token, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage response = await client.SendAsync(request);
        if ((int)response.StatusCode != status)
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode} where {status} was expected: the contenders do not apply the same checks.");
    }

    public static async Task<LoadResult> RunAsync(HttpClient client, string path, int connections, TimeSpan duration)
    {
        var latencies = new List<long>[connections];
        int errors = 0;
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long start = Stopwatch.GetTimestamp();
        TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<long>(65536);
            while (Stopwatch.GetTimestamp() < end)
            {
                long sent = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                mine.Add(Stopwatch.GetTimestamp() - sent);
                if (!response.IsSuccessStatusCode)
                    Interlocked.Increment(ref errors);
            }
        }));
        double seconds = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
        long[] all = latencies.SelectMany(l => l).Order().ToArray();
        double Ms(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))] * 1000.0 / Stopwatch.Frequency;
        return new LoadResult(all.Length / seconds, Ms(0.50), Ms(0.99), all.Length == 0 ? 0 : cpu.TotalMilliseconds * 1000 / all.Length, errors);
    }
}

/// <summary>
/// JwtBearer with the checks the generated scheme applies: issuer, audience, lifetime (expiry required, 30 s skew),
/// RS256 only, signed tokens only, keys from the same JWKS (fetched once, as a cached key set), and the app_id
/// claim compared ordinally in OnTokenValidated.
/// </summary>
internal static class JwtBearerSameChecks
{
    public static void Configure(JwtBearerOptions options, Uri jwksUri)
    {
        using var http = new HttpClient();
        var keys = new JsonWebKeySet(http.GetStringAsync(jwksUri).GetAwaiter().GetResult());
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = "https://auth.example.com",
            ValidAudience = "billing-api",
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
            IssuerSigningKeys = keys.GetSigningKeys(),
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                string? appId = context.Principal?.FindFirst("app_id")?.Value;
                if (!string.Equals(appId, "billing", StringComparison.Ordinal))
                    context.Fail("app_id is not billing");
                return Task.CompletedTask;
            },
        };
    }
}
