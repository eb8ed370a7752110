using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using OneAuth.Testing;

// The demo: a development issuer on 127.0.0.1 serving its JWKS, the Billing.Api sample started as a real
// process against it, and real HTTP requests. Exits non-zero when any row differs from what is expected.
if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: Demo <path to Billing.Api.dll>");
    return 2;
}

using var issuer = new TestIssuer("https://auth.example.com");
JwksServer jwks = issuer.StartJwksServer();
Console.WriteLine($"Development issuer {issuer.Issuer}, JWKS at {jwks.JwksUri}");

int port = FreePort();
var baseUri = new Uri($"http://127.0.0.1:{port}");
using Process api = StartApi(args[0], baseUri, jwks.JwksUri);
using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
try
{
    await WaitUntilUp(http, api);
    Console.WriteLine($"Billing.Api listening on {baseUri}");
    Console.WriteLine();

    var rows = new List<Row>
    {
        await Probe(http, "token for billing", issuer.MintToken("billing", "billing-api", b => b.Subject("alice")), 200, null),
        await Probe(http, "token for payments (another app)", issuer.MintToken("payments", "billing-api"), 401, "WrongApp"),
        await Probe(http, "expired token", issuer.MintToken("billing", "billing-api", b => b.IssuedAt(DateTimeOffset.UtcNow.AddHours(-2)).ExpiresAt(DateTimeOffset.UtcNow.AddMinutes(-10))), 401, "Expired"),
        await Probe(http, "alg: none (unsigned)", Unsigned(issuer), 401, "UnsupportedAlgorithm"),
        await Probe(http, "wrong audience", issuer.MintToken("billing", "payments-api"), 401, "WrongAudience"),
        await Probe(http, "no token", null, 401, null),
    };

    // Key rotation: the issuer starts signing with a new key. The service has never seen its kid; it fetches
    // the JWKS again (at most once per 30 s cooldown, so a flood of unknown kids cannot cause a request storm).
    string newKid = issuer.RotateKey();
    string rotated = issuer.MintToken("billing", "billing-api", b => b.Subject("alice"));
    var clock = Stopwatch.StartNew();
    Row rotation;
    do
    {
        rotation = await Probe(http, $"after key rotation (kid {newKid})", rotated, 200, null);
        if (rotation.Actual == 200)
            break;
        await Task.Delay(TimeSpan.FromSeconds(2));
    }
    while (clock.Elapsed < TimeSpan.FromSeconds(45));
    rows.Add(rotation with { Note = $"accepted after {clock.Elapsed.TotalSeconds:0} s (refresh cooldown); JWKS fetches: {jwks.RequestCount}" });

    PrintTable(rows);
    bool ok = rows.All(r => r.Ok);
    Console.WriteLine(ok ? "All rows as expected." : "SOME ROWS DIFFER FROM WHAT IS EXPECTED.");
    return ok ? 0 : 1;
}
finally
{
    if (!api.HasExited)
        api.Kill(entireProcessTree: true);
}

static async Task<Row> Probe(HttpClient http, string name, string? token, int expected, string? expectedReason)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, "/invoices");
    if (token is not null)
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using HttpResponseMessage response = await http.SendAsync(request);
    string challenge = response.Headers.WwwAuthenticate.ToString();
    Match match = Regex.Match(challenge, "error_description=\"([^\"]*)\"");
    string? reason = match.Success ? match.Groups[1].Value : null;
    bool ok = (int)response.StatusCode == expected && (expectedReason is null || reason == expectedReason);
    return new Row(name, expected, (int)response.StatusCode, reason ?? (response.StatusCode == HttpStatusCode.OK ? "" : "(no token)"), ok, "");
}

static void PrintTable(List<Row> rows)
{
    int width = rows.Max(r => r.Request.Length) + 2;
    Console.WriteLine($"{"Request".PadRight(width)}{"Expected",-10}{"Actual",-8}{"Reason",-22}");
    Console.WriteLine(new string('-', width + 40));
    foreach (Row row in rows)
    {
        Console.WriteLine($"{row.Request.PadRight(width)}{row.Expected,-10}{row.Actual,-8}{row.Reason,-22}{(row.Ok ? "ok" : "WRONG")}");
        if (row.Note.Length > 0)
            Console.WriteLine($"{"".PadRight(width)}{row.Note}");
    }

    Console.WriteLine();
}

static string Unsigned(TestIssuer issuer)
{
    long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    string header = "{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + issuer.CurrentKeyId + "\"}";
    string payload = "{\"iss\":\"" + issuer.Issuer + "\",\"aud\":\"billing-api\",\"app_id\":\"billing\",\"sub\":\"mallory\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
    return Base64Url(header) + "." + Base64Url(payload) + ".";
}

static string Base64Url(string text)
    => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static Process StartApi(string dll, Uri baseUri, Uri jwksUri)
{
    var info = new ProcessStartInfo("dotnet")
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    info.ArgumentList.Add(dll);
    info.ArgumentList.Add("--urls");
    info.ArgumentList.Add(baseUri.ToString());
    info.ArgumentList.Add("--OneAuth:JwksUri=" + jwksUri);
    info.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
    var process = Process.Start(info) ?? throw new InvalidOperationException("could not start Billing.Api");
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[Billing.Api] " + e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitUntilUp(HttpClient http, Process api)
{
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromSeconds(60))
    {
        if (api.HasExited)
            throw new InvalidOperationException($"Billing.Api exited with code {api.ExitCode}");
        try
        {
            using HttpResponseMessage response = await http.GetAsync("/health");
            if (response.IsSuccessStatusCode)
                return;
        }
        catch (HttpRequestException)
        {
            // not listening yet
        }

        await Task.Delay(250);
    }

    throw new TimeoutException("Billing.Api did not start within 60 s");
}

internal sealed record Row(string Request, int Expected, int Actual, string Reason, bool Ok, string Note);
