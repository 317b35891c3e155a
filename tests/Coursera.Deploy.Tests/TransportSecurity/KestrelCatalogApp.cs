using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Coursera.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Coursera.Deploy.Tests.TransportSecurity;

/// <summary>
/// A service (the catalog, by its real Program) in the given environment on real loopback sockets, as a deployment
/// serves it: a public HTTP port, a public HTTPS port with a certificate (unless it sits behind a TLS-terminating proxy),
/// and the management port. Production asks for the key ring's certificate and the gateway key too; they are made here.
/// </summary>
public class KestrelCatalogApp : ServiceApp<Coursera.Catalog.Program>
{
    /// <summary>The name clients use; loopback names are excluded from HSTS by design, so requests carry this one.</summary>
    public const string PublicHost = "learn.coursera.example";

    private readonly string _environment;
    private readonly X509Certificate2? _certificate;

    public KestrelCatalogApp(string environment, bool servesHttps = true)
    {
        _environment = environment;
        Settings["Catalog:MigrateOnStart"] = "true";
        Settings["Management:Port"] = ManagementPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Subgraphs:GatewayKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Settings["DataProtection:CertificatePath"] = KeyRingCertificates.Write(Path.Combine(Folder, "key-ring.pfx"));
        if (servesHttps)
        {
            _certificate = SelfSigned(PublicHost);
        }
        else
        {
            // The Ingress controller: the only proxy whose X-Forwarded-Proto is believed.
            Settings["ForwardedHeaders:KnownProxies"] = "127.0.0.1";
        }
    }

    public int HttpPort { get; } = FreePort();

    public int HttpsPort { get; } = FreePort();

    public int ManagementPort { get; } = FreePort();

    public override async Task InitializeAsync()
    {
        await EnsureDatabaseAsync();
        UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, HttpPort);
            kestrel.Listen(IPAddress.Loopback, ManagementPort);
            if (_certificate is not null)
            {
                kestrel.Listen(IPAddress.Loopback, HttpsPort, listen => listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = _certificate }));
            }
        });
        StartServer();
    }

    /// <summary>
    /// A GET as a client of <see cref="PublicHost"/> sends it, over a connection that trusts this service's certificate
    /// alone and shows redirects instead of following them.
    /// </summary>
    public async Task<HttpResponseMessage> GetAsync(string url, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == _certificate?.GetCertHashString() },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = PublicHost;
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await http.SendAsync(request);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(_environment);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _certificate?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static X509Certificate2 SelfSigned(string host)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }
}
