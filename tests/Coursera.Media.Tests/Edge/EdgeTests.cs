using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Coursera.Media.Playback;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Tests.Edge;

/// <summary>
/// The reference edge (deploy/edge) in front of a storage folder holding two assets: a token opens its own asset's
/// output folder, with the types, ranges and CORS a player needs, and nothing else: not after its expiry, not with one
/// character changed, not another asset's folder, not a way out of the folder however it is spelled.
/// </summary>
public sealed class EdgeTests(TwoAssetEdge edge) : IClassFixture<TwoAssetEdge>
{
    [Theory]
    [InlineData("master.m3u8", "application/vnd.apple.mpegurl")]
    [InlineData("manifest.mpd", "application/dash+xml")]
    [InlineData("360p/index.m3u8", "application/vnd.apple.mpegurl")]
    [InlineData("360p/init.mp4", "video/mp4")]
    [InlineData("360p/seg_00001.m4s", "video/iso.segment")]
    [InlineData("captions/en.vtt", "text/vtt")]
    [InlineData("poster.jpg", "image/jpeg")]
    public async Task A_signed_folder_serves_each_file_of_its_asset_with_its_bytes_and_type(string file, string type)
    {
        var expiresAt = DateTimeOffset.UtcNow.AddHours(1);
        using var response = await edge.Http.GetAsync(edge.Sign(edge.AssetA, expiresAt).UrlOf(file));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(edge.BytesOf(edge.AssetA, file), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Private);
        Assert.InRange(cache.MaxAge!.Value, TimeSpan.FromMinutes(55), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task A_cache_lasts_no_longer_than_the_token_and_at_most_a_day()
    {
        using var soon = await edge.Http.GetAsync(edge.Sign(edge.AssetA, DateTimeOffset.UtcNow.AddSeconds(90)).UrlOf("master.m3u8"));
        using var late = await edge.Http.GetAsync(edge.Sign(edge.AssetA, DateTimeOffset.UtcNow.AddDays(30)).UrlOf("master.m3u8"));

        Assert.InRange(soon.Headers.CacheControl!.MaxAge!.Value, TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(90));
        Assert.Equal(TimeSpan.FromDays(1), late.Headers.CacheControl!.MaxAge);
    }

    [Fact]
    public async Task A_segment_is_served_in_byte_ranges()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, edge.Sign(edge.AssetA, DateTimeOffset.UtcNow.AddHours(1)).UrlOf("360p/seg_00001.m4s"));
        request.Headers.Range = new RangeHeaderValue(100, 199);
        using var response = await edge.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(edge.BytesOf(edge.AssetA, "360p/seg_00001.m4s")[100..200], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 100-199/4096", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task A_cors_preflight_for_a_range_request_is_allowed_from_any_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, edge.Sign(edge.AssetA, DateTimeOffset.UtcNow.AddHours(1)).UrlOf("360p/seg_00001.m4s"));
        request.Headers.Add("Origin", "https://www.example.org");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "range");
        using var response = await edge.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("GET", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Contains("Range", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_refused_even_a_second_after_its_expiry()
    {
        foreach (var expiresAt in (DateTimeOffset[])[DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddSeconds(-1)])
        {
            using var response = await edge.Http.GetAsync(edge.Sign(edge.AssetA, expiresAt).UrlOf("master.m3u8"));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("expired", Assert.Single(response.Headers.GetValues("X-Edge-Denied")));
            Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        }
    }

    [Fact]
    public async Task A_token_with_any_one_character_of_its_signature_changed_is_refused()
    {
        var folder = edge.Sign(edge.AssetA, DateTimeOffset.UtcNow.AddHours(1)).BaseUrl.AbsolutePath; // /{kid}.{exp}.{sig}/{asset}/
        var token = folder.Split('/')[1];
        var signatureAt = token.LastIndexOf('.') + 1;
        foreach (var at in (int[])[signatureAt, signatureAt + 21, token.Length - 1])
        {
            var changed = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
            var answer = await edge.RawGetAsync($"/{changed}/{edge.AssetA:D}/master.m3u8");

            Assert.Equal(403, answer.Status);
            Assert.Equal("signature", answer.Denied);
        }

        // The expiry moved a second later under the same signature.
        var parts = token.Split('.');
        var later = $"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 1}.{parts[2]}";
        Assert.Equal(403, (await edge.RawGetAsync($"/{later}/{edge.AssetA:D}/master.m3u8")).Status);
    }

    [Fact]
    public async Task A_token_of_one_asset_does_not_open_another_assets_folder()
    {
        var token = edge.TokenOf(edge.AssetA);
        var answer = await edge.RawGetAsync($"/{token}/{edge.AssetB:D}/master.m3u8");

        Assert.Equal(403, answer.Status);
        Assert.Equal("signature", answer.Denied);
        Assert.DoesNotContain("asset B", answer.Body, StringComparison.Ordinal);
        Assert.Equal(200, (await edge.RawGetAsync($"/{edge.TokenOf(edge.AssetB)}/{edge.AssetB:D}/master.m3u8")).Status);
    }

    [Theory]
    [InlineData("{A}/../{B}/master.m3u8")]
    [InlineData("{A}/%2e%2e/{B}/master.m3u8")]
    [InlineData("{A}/%2E%2E%2F{B}/master.m3u8")]
    [InlineData("{A}/..%2f{B}/master.m3u8")]
    [InlineData("{A}%2F..%2F{B}/master.m3u8")]
    [InlineData("{A}/360p/..%2f..%2f{B}/master.m3u8")]
    [InlineData("{A}/360p/%2e%2e/%2e%2e/{B}/master.m3u8")]
    [InlineData("{A}/./../{B}/./master.m3u8")]
    [InlineData("{A}/..//{B}//master.m3u8")]
    [InlineData("{A}/..%5c{B}/master.m3u8")]
    [InlineData("{A}/..%252f{B}/master.m3u8")]
    [InlineData("{A}/../{A}/../source")]
    [InlineData("{A}/..%2fsource")]
    [InlineData("{A}/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt")]
    [InlineData("{A}/../../../secret.txt")]
    [InlineData("{A}/../../../../../../etc/passwd")]
    [InlineData("{A}/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("{A}/.hidden")]
    [InlineData("{A}/link.m3u8")]
    [InlineData("{A}/master.m3u8%00.jpg")]
    [InlineData("{A}/360p/")]
    [InlineData("{A}/")]
    public async Task No_spelling_of_a_way_out_of_the_folder_reaches_another_file(string path)
    {
        var raw = "/" + edge.TokenOf(edge.AssetA) + "/" + path.Replace("{A}", edge.AssetA.ToString("D"), StringComparison.Ordinal)
            .Replace("{B}", edge.AssetB.ToString("D"), StringComparison.Ordinal);
        var answer = await edge.RawGetAsync(raw);

        Assert.True(answer.Status is 400 or 403, $"{raw}: {answer.Status}");
        foreach (var secret in (string[])["asset B", "SOURCE OF A", "OUTSIDE THE ASSETS", "root:"])
        {
            Assert.DoesNotContain(secret, answer.Body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{A}//master.m3u8")]
    [InlineData("{A}/./master.m3u8")]
    [InlineData("{A}/360p/../master.m3u8")]
    [InlineData("{A}/360p/%2e%2e/master.m3u8")]
    public async Task A_roundabout_spelling_of_a_file_in_the_same_folder_is_that_file(string path)
    {
        var answer = await edge.RawGetAsync("/" + edge.TokenOf(edge.AssetA) + "/" + path.Replace("{A}", edge.AssetA.ToString("D"), StringComparison.Ordinal));

        Assert.Equal(200, answer.Status);
        Assert.Contains("asset A", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/master.m3u8")]
    [InlineData("/{A}/master.m3u8")]
    [InlineData("/assets/{A}/out/master.m3u8")]
    [InlineData("/{token}/{A-upper}/master.m3u8")]
    [InlineData("/{token}/{A}/MASTER.M3U8%20")]
    [InlineData("/{token}.x/{A}/master.m3u8")]
    public async Task A_path_that_is_not_a_signed_folder_is_refused(string path)
    {
        var raw = path.Replace("{token}", edge.TokenOf(edge.AssetA), StringComparison.Ordinal)
            .Replace("{A-upper}", edge.AssetA.ToString("D").ToUpperInvariant(), StringComparison.Ordinal)
            .Replace("{A}", edge.AssetA.ToString("D"), StringComparison.Ordinal);

        Assert.Equal(403, (await edge.RawGetAsync(raw)).Status);
    }

    [Fact]
    public async Task Only_reads_are_served()
    {
        var url = edge.Sign(edge.AssetA, DateTimeOffset.UtcNow.AddHours(1)).UrlOf("master.m3u8");
        using var head = await edge.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        using var post = await edge.Http.PostAsync(url, new StringContent("#EXTM3U"));
        using var put = await edge.Http.PutAsync(url, new StringContent("#EXTM3U"));
        using var delete = await edge.Http.DeleteAsync(url);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.All([post, put, delete], r => Assert.True(r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed, r.StatusCode.ToString()));
        Assert.Equal(edge.BytesOf(edge.AssetA, "master.m3u8"), await edge.Http.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task A_key_too_short_or_not_base64_keeps_the_edge_from_starting()
    {
        foreach (var keys in (string[])["k1:c2hvcnQ=", "k1:not base64!", "k1", $"k.1:{TwoAssetEdge.NewSecret()}", $"k1:{TwoAssetEdge.NewSecret()},k1:{TwoAssetEdge.NewSecret()}"])
        {
            await using var broken = new ReferenceEdge(edge.Storage, keys);
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(broken.StartAsync);
            Assert.Contains("EDGE_KEYS", refused.Message, StringComparison.Ordinal);
        }
    }
}

/// <summary>
/// A storage folder with two assets' outputs, a source and a file outside every asset, behind a reference edge that
/// knows one key ("k1").
/// </summary>
public sealed class TwoAssetEdge : IAsyncLifetime, IAsyncDisposable
{
    private const UnixFileMode Folder = (UnixFileMode)0b111_101_101; // 755: the workers run as nobody under root
    private const UnixFileMode File644 = (UnixFileMode)0b110_100_100;
    private readonly string _secret = NewSecret();
    private ReferenceEdge? _edge;

    public string Storage { get; } = ReferenceEdge.ReadableFolder();

    public Guid AssetA { get; } = Guid.NewGuid();

    public Guid AssetB { get; } = Guid.NewGuid();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public async Task InitializeAsync()
    {
        foreach (var (asset, name) in new[] { (AssetA, "A"), (AssetB, "B") })
        {
            Write(asset, "master.m3u8", $"#EXTM3U\n# asset {name}\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\n360p/index.m3u8\n");
            Write(asset, "manifest.mpd", $"<?xml version=\"1.0\"?>\n<!-- asset {name} --><MPD/>\n");
            Write(asset, "360p/index.m3u8", $"#EXTM3U\n# asset {name}\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4,\nseg_00001.m4s\n#EXT-X-ENDLIST\n");
            Write(asset, "360p/init.mp4", RandomNumberGenerator.GetBytes(600));
            Write(asset, "360p/seg_00001.m4s", RandomNumberGenerator.GetBytes(4096));
            Write(asset, "captions/en.vtt", $"WEBVTT\n\n00:00.000 --> 00:01.000\nasset {name}\n");
            Write(asset, "poster.jpg", [0xFF, 0xD8, 0xFF, .. RandomNumberGenerator.GetBytes(300)]);
        }

        WriteFile(Path.Combine(Storage, "assets", AssetA.ToString("D"), "source"), "SOURCE OF A"u8.ToArray());
        WriteFile(Path.Combine(Storage, "secret.txt"), "OUTSIDE THE ASSETS"u8.ToArray());
        WriteFile(Path.Combine(OutOf(AssetA), ".hidden"), "hidden"u8.ToArray());
        File.CreateSymbolicLink(Path.Combine(OutOf(AssetA), "link.m3u8"), Path.Combine(OutOf(AssetB), "master.m3u8"));

        _edge = new ReferenceEdge(Storage, $"k1:{_secret}");
        await _edge.StartAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_edge is not null)
        {
            await _edge.DisposeAsync();
            _edge = null;
        }

        if (Directory.Exists(Storage))
        {
            Directory.Delete(Storage, recursive: true);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public SignedFolder Sign(Guid assetId, DateTimeOffset expiresAt) => new EdgeSigner(Options.Create(new MediaOptions
    {
        Playback = new() { BaseUrl = _edge!.BaseUrl, Keys = [new() { Id = "k1", Secret = _secret }] },
    })).Sign(assetId, expiresAt);

    /// <summary>The <c>{kid}.{exp}.{sig}</c> of a folder valid for an hour.</summary>
    public string TokenOf(Guid assetId) => Sign(assetId, DateTimeOffset.UtcNow.AddHours(1)).BaseUrl.AbsolutePath.Split('/')[1];

    public byte[] BytesOf(Guid assetId, string file) => File.ReadAllBytes(Path.Combine(OutOf(assetId), file));

    /// <summary>
    /// Sends the path as written: HttpClient's Uri would resolve <c>..</c> and decode <c>%2e</c> before sending, and
    /// the edge must be tested against what an attacker can send.
    /// </summary>
    public async Task<RawAnswer> RawGetAsync(string path)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _edge!.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        using var read = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.CopyToAsync(read, timeout.Token);
        var text = Encoding.Latin1.GetString(read.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = text[..split].Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var denied = head.Skip(1).Where(h => h.StartsWith("X-Edge-Denied:", StringComparison.OrdinalIgnoreCase))
            .Select(h => h[(h.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).SingleOrDefault();
        return new RawAnswer(status, denied, text[(split + 4)..]);
    }

    private string OutOf(Guid assetId) => Path.Combine(Storage, "assets", assetId.ToString("D"), "out");

    private void Write(Guid assetId, string file, string text) => Write(assetId, file, Encoding.UTF8.GetBytes(text));

    private void Write(Guid assetId, string file, byte[] bytes) => WriteFile(Path.Combine(OutOf(assetId), file), bytes);

    private void WriteFile(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        if (!OperatingSystem.IsWindows())
        {
            for (var folder = Path.GetDirectoryName(path)!; folder.Length > Storage.Length; folder = Path.GetDirectoryName(folder)!)
            {
                File.SetUnixFileMode(folder, Folder);
            }

            File.SetUnixFileMode(path, File644);
        }
    }
}

/// <summary>An answer read off the socket: its status, its X-Edge-Denied reason (if any) and its body as Latin-1.</summary>
public sealed record RawAnswer(int Status, string? Denied, string Body);

/// <summary>
/// The edge in S3 origin mode (deploy/edge/nginx-s3.conf): a good token's file comes from the bucket once and is then
/// served from the edge's cache to every token; a refused request never reaches the origin.
/// </summary>
public sealed class EdgeS3OriginTests(S3OriginEdge edge) : IClassFixture<S3OriginEdge>
{
    [Fact]
    public async Task A_file_comes_from_the_bucket_once_whatever_the_token_of_each_viewer()
    {
        var first = edge.Sign(edge.AssetA, DateTimeOffset.UtcNow.AddHours(1)).UrlOf("master.m3u8");
        var second = edge.Sign(edge.AssetA, DateTimeOffset.UtcNow.AddHours(2)).UrlOf("master.m3u8");
        Assert.NotEqual(first, second);

        foreach (var url in (Uri[])[first, second, first])
        {
            using var response = await edge.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.apple.mpegurl", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(edge.Objects[S3OriginEdge.KeyOf(edge.AssetA, "master.m3u8")], await response.Content.ReadAsByteArrayAsync());
            Assert.True(response.Headers.CacheControl!.Private);
            Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        }

        Assert.Equal(1, edge.RequestsFor(S3OriginEdge.KeyOf(edge.AssetA, "master.m3u8")));
    }

    [Fact]
    public async Task A_segment_is_served_in_byte_ranges_from_the_cached_copy()
    {
        var url = edge.Sign(edge.AssetA, DateTimeOffset.UtcNow.AddHours(1)).UrlOf("360p/seg_00001.m4s");
        var bytes = edge.Objects[S3OriginEdge.KeyOf(edge.AssetA, "360p/seg_00001.m4s")];
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(1000, 1999);
            using var response = await edge.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(bytes[1000..2000], await response.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(1, edge.RequestsFor(S3OriginEdge.KeyOf(edge.AssetA, "360p/seg_00001.m4s")));
    }

    [Fact]
    public async Task A_refused_request_never_reaches_the_bucket()
    {
        var tokenOfA = edge.Sign(edge.AssetA, DateTimeOffset.UtcNow.AddHours(1)).BaseUrl.AbsolutePath.Split('/')[1];
        var expired = edge.Sign(edge.AssetB, DateTimeOffset.UtcNow.AddSeconds(-1)).UrlOf("master.m3u8");
        using (var response = await edge.Http.GetAsync(expired))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        foreach (var path in (string[])[$"/{tokenOfA}/{edge.AssetB:D}/master.m3u8", $"/{tokenOfA}/{edge.AssetA:D}/..%2f{edge.AssetB:D}/master.m3u8",
            $"/{tokenOfA}/{edge.AssetA:D}/%2e%2e/{edge.AssetB:D}/master.m3u8"])
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, edge.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
            using var reader = new StreamReader(stream, Encoding.Latin1);
            Assert.StartsWith("HTTP/1.1 403 ", await reader.ReadLineAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, edge.RequestsFor(S3OriginEdge.KeyOf(edge.AssetB, "master.m3u8")));
    }

    [Fact]
    public async Task A_file_missing_from_the_bucket_is_a_404_nobody_keeps()
    {
        using var response = await edge.Http.GetAsync(edge.Sign(edge.AssetA, DateTimeOffset.UtcNow.AddHours(1)).UrlOf("720p/index.m3u8"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }
}

/// <summary>
/// An S3-like origin (a loopback HttpListener answering <c>/media/{key}</c> without signatures, counting requests) and
/// the edge started by <c>deploy/edge/start.sh</c> in front of it with <c>EDGE_S3_ORIGIN</c> and <c>EDGE_S3_BUCKET</c>.
/// </summary>
public sealed class S3OriginEdge : IAsyncLifetime, IAsyncDisposable
{
    private const string Bucket = "media";
    private readonly string _secret = TwoAssetEdge.NewSecret();
    private readonly Dictionary<string, int> _requests = [];
    private readonly HttpListener _origin = new();
    private readonly string _run = Directory.CreateTempSubdirectory("coursera-edge-s3").FullName;
    private Process? _nginx;
    private Task? _serving;

    public Guid AssetA { get; } = Guid.NewGuid();

    public Guid AssetB { get; } = Guid.NewGuid();

    public int Port { get; } = FreePort();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The bucket's objects by key.</summary>
    public Dictionary<string, byte[]> Objects { get; } = [];

    public static string KeyOf(Guid assetId, string file) => $"assets/{assetId:D}/out/{file}";

    public int RequestsFor(string key)
    {
        lock (_requests)
        {
            return _requests.GetValueOrDefault(key);
        }
    }

    public SignedFolder Sign(Guid assetId, DateTimeOffset expiresAt) => new EdgeSigner(Options.Create(new MediaOptions
    {
        Playback = new() { BaseUrl = new Uri($"http://127.0.0.1:{Port}/"), Keys = [new() { Id = "k1", Secret = _secret }] },
    })).Sign(assetId, expiresAt);

    public async Task InitializeAsync()
    {
        foreach (var asset in (Guid[])[AssetA, AssetB])
        {
            Objects[KeyOf(asset, "master.m3u8")] = Encoding.UTF8.GetBytes($"#EXTM3U\n# {asset}\n");
            Objects[KeyOf(asset, "360p/seg_00001.m4s")] = RandomNumberGenerator.GetBytes(8192);
        }

        var originPort = FreePort();
        _origin.Prefixes.Add($"http://127.0.0.1:{originPort}/");
        _origin.Start();
        _serving = Task.Run(ServeAsync);

        var start = new ProcessStartInfo(Path.Combine(ReferenceEdge.RepositoryRoot(), "deploy", "edge", "start.sh"))
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("-");
        start.ArgumentList.Add(_run);
        start.Environment["EDGE_KEYS"] = $"k1:{_secret}";
        start.Environment["EDGE_S3_ORIGIN"] = $"http://127.0.0.1:{originPort}";
        start.Environment["EDGE_S3_BUCKET"] = Bucket;
        _nginx = Process.Start(start) ?? throw new InvalidOperationException("The edge did not start.");
        _ = _nginx.StandardOutput.ReadToEndAsync();
        var errors = _nginx.StandardError.ReadToEndAsync();
        for (var until = DateTime.UtcNow.AddSeconds(20); ; await Task.Delay(50))
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until && !_nginx.HasExited)
            {
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"The edge did not start: {(_nginx.HasExited ? await errors : "no answer")}");
            }
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_nginx is not null)
        {
            if (!_nginx.HasExited)
            {
                _nginx.Kill(entireProcessTree: true);
                await _nginx.WaitForExitAsync();
            }

            _nginx.Dispose();
            _nginx = null;
        }

        if (_origin.IsListening)
        {
            _origin.Stop();
            await (_serving ?? Task.CompletedTask);
        }

        _origin.Close();
        if (Directory.Exists(_run))
        {
            Directory.Delete(_run, recursive: true);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private async Task ServeAsync()
    {
        while (_origin.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _origin.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            var key = path.StartsWith($"/{Bucket}/", StringComparison.Ordinal) ? path[(Bucket.Length + 2)..] : "";
            lock (_requests)
            {
                _requests[key] = _requests.GetValueOrDefault(key) + 1;
            }

            var response = context.Response;
            if (Objects.TryGetValue(key, out var bytes))
            {
                response.StatusCode = 200;
                response.ContentType = key.EndsWith(".m3u8", StringComparison.Ordinal) ? "application/vnd.apple.mpegurl" : "video/iso.segment";
                response.AddHeader("Cache-Control", "no-cache");
                response.ContentLength64 = bytes.Length;
                await response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                response.StatusCode = 404;
            }

            response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
