using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Coursera.Federation.Fuzzing.Running;

/// <summary>
/// The reference: Hive Gateway (<c>@graphql-hive/gateway</c>, pinned in bench/gateway/hive/package.json) run by Node
/// from the PATH. Installed with <c>npm ci</c> into a private copy of that folder (so a benchmark run's install is
/// never raced), once per version of the lock file.
/// </summary>
internal sealed class HiveGateway : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly StringBuilder _log;

    private HiveGateway(Process process, string url, StringBuilder log)
    {
        _process = process;
        Url = url;
        _log = log;
        // Node closes a keep-alive connection after 5 s idle; reusing one it is closing fails with ResponseEnded.
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string Url { get; }

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coursera.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Coursera.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The folder holding node_modules with the pinned Hive Gateway and composition, installing them if needed.</summary>
    public static async Task<string> InstallAsync(TextWriter progress)
    {
        var root = RepositoryRoot();
        var pinned = Path.Combine(root, "bench", "gateway", "hive");
        var dir = Environment.GetEnvironmentVariable("FUZZ_HIVE_DIR") ?? Path.Combine(root, "tests", "Coursera.Federation.Fuzzing.Tests", "obj", "hive");
        await InstallGate.WaitAsync();
        try
        {
            Directory.CreateDirectory(dir);
            // Another process (fuzz.sh beside a test run) may install at the same time: an exclusive lock file.
            await using var fileLock = await LockAsync(Path.Combine(dir, ".install.lock"));
            var lockText = await File.ReadAllTextAsync(Path.Combine(pinned, "package-lock.json"));
            var installed = Path.Combine(dir, "node_modules", ".package-lock.json");
            var copy = Path.Combine(dir, "package-lock.json");
            var upToDate = File.Exists(Path.Combine(dir, "node_modules", ".bin", "hive-gateway")) && File.Exists(installed)
                && File.Exists(copy) && await File.ReadAllTextAsync(copy) == lockText;
            if (!upToDate)
            {
                File.Copy(Path.Combine(pinned, "package.json"), Path.Combine(dir, "package.json"), overwrite: true);
                await File.WriteAllTextAsync(copy, lockText);
                progress.WriteLine($"npm ci of the pinned Hive Gateway into {dir} (once)");
                var (code, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], dir, null, TimeSpan.FromMinutes(10));
                if (code != 0)
                {
                    throw new InvalidOperationException($"npm ci failed ({code}) in {dir}:\n{output}");
                }
            }

            File.Copy(Path.Combine(AppContext.BaseDirectory, "hive", "compose.mjs"), Path.Combine(dir, "compose.mjs"), overwrite: true);
            return dir;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>The supergraph composed by the Guild's composition from the subgraphs' SDL and URLs.</summary>
    public static async Task<string> ComposeAsync(string dir, IEnumerable<(string Name, string Url, string Sdl)> subgraphs)
    {
        var input = new JsonArray([.. subgraphs.Select(s => new JsonObject { ["name"] = s.Name, ["url"] = s.Url, ["sdl"] = s.Sdl })]).ToJsonString();
        var (code, output) = await RunAsync("node", ["compose.mjs"], dir, input, TimeSpan.FromMinutes(2), stdoutOnly: true);
        return code == 0 ? output : throw new InvalidOperationException("The Guild's composition refused the federation:\n" + output);
    }

    public static async Task<HiveGateway> StartAsync(string dir, string supergraphPath)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(dir, "node_modules", ".bin", "hive-gateway"))
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "supergraph", supergraphPath, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--fork", "1", "--disable-websockets", "--no-masked-errors" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_ENV"] = "production";
        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new HiveGateway(process, $"http://127.0.0.1:{port}/graphql", log);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Hive Gateway exited ({process.ExitCode}):\n{gateway.Log}");
            }

            try
            {
                var probe = await gateway.ExecuteAsync("{ __typename }", [], CancellationToken.None);
                if (probe["data"] is not null)
                {
                    return gateway;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                await gateway.DisposeAsync();
                throw new TimeoutException($"Hive Gateway did not answer within 90 s:\n{gateway.Log}");
            }

            await Task.Delay(200);
        }
    }

    public async Task<JsonObject> ExecuteAsync(string query, JsonObject variables, CancellationToken cancellationToken)
    {
        // A connection Node closed between requests is retried (the request never reached it); a dead gateway is not.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendAsync(query, variables, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < 3 && !_process.HasExited)
            {
                await Task.Delay(100 * attempt, cancellationToken);
            }
        }
    }

    private async Task<JsonObject> SendAsync(string query, JsonObject variables, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables.DeepClone() };
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = JsonContent.Create(body) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json, application/json");
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"Hive Gateway answered {(int)response.StatusCode}: {text}");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.Length < 200_000)
            {
                log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1200)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments, string dir, string? stdin, TimeSpan timeout, bool stdoutOnly = false)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} took longer than {timeout}");
        }

        var output = await stdout;
        var errors = await stderr;
        return (process.ExitCode, process.ExitCode == 0 && stdoutOnly ? output : output + errors);
    }
}
