using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Coursera.Platform.Testing;

/// <summary>
/// The reference CDN edge as <c>./run.sh</c> starts it (<c>deploy/edge/start.sh</c>: nginx from Debian with its njs
/// module) on a free loopback port, serving a local storage folder to requests whose path token verifies with one
/// of <paramref name="keys"/> (<c>kid:base64secret</c>, current first). Stopped with the fixture.
/// </summary>
public sealed class ReferenceEdge(string storage, params string[] keys) : IAsyncDisposable
{
    private Process? _nginx;

    public int Port { get; } = FreePort();

    /// <summary>What <c>Media:Playback:BaseUrl</c> is set to for URLs this edge takes.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public string RunFolder { get; } = Directory.CreateTempSubdirectory("coursera-edge").FullName;

    /// <summary>A folder the edge's workers (nobody, when the tests run as root) may read: for the storage.</summary>
    public static string ReadableFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"coursera-media-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return folder;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot(), "deploy", "edge", "start.sh"))
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(storage);
        start.ArgumentList.Add(RunFolder);
        start.Environment["EDGE_KEYS"] = string.Join(',', keys);
        _nginx = Process.Start(start) ?? throw new InvalidOperationException("The edge did not start.");
        _ = _nginx.StandardOutput.ReadToEndAsync();
        var errors = _nginx.StandardError.ReadToEndAsync();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until && !_nginx.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"The edge did not start: {(_nginx.HasExited ? await errors : "no answer")}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }

        _nginx?.Dispose();
        Directory.Delete(RunFolder, recursive: true);
    }

    /// <summary>The folder holding Coursera.sln, above the running assembly.</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Coursera.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("No Coursera.sln above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
