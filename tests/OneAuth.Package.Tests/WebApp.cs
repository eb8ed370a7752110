using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OneAuth.Package.Tests;

/// <summary>A built web application started as its own process on a free loopback port, stopped on dispose.</summary>
public sealed class WebApp : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WebApp(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="dll"/> on a free loopback port in the Production environment, <paramref name="environment"/> added to the inherited one.</summary>
    public static WebApp Start(string dll, IReadOnlyDictionary<string, string> environment)
    {
        int port = FreePort();
        WebApp? app = null;
        Process process = DotNet.Create(Path.GetDirectoryName(dll)!, new[] { dll, "--urls", $"http://127.0.0.1:{port}" }, line => app!.Append(line));
        process.StartInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach ((string key, string value) in environment)
            process.StartInfo.Environment[key] = value;

        app = new WebApp(process, new Uri($"http://127.0.0.1:{port}"));
        DotNet.Start(process);
        return app;
    }

    /// <summary>Waits until <paramref name="path"/> answers 200; false when the process exits first or time runs out.</summary>
    public async Task<bool> WaitUntilServingAsync(string path, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
                return false;
            try
            {
                using HttpResponseMessage response = await client.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                    return true;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>Waits for the process to exit by itself; false when it is still running after <paramref name="timeout"/>.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            return false;
        _process.WaitForExit();
        return true;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
    }

    private void Append(string line)
    {
        lock (_output)
            _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
