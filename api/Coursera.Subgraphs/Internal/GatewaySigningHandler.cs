using System.Net.Http;

namespace Coursera.Subgraphs.Internal;

/// <summary>Signs every request of an <see cref="HttpClient"/> with the <see cref="GatewayCredential"/>: the gateway's client of its subgraphs.</summary>
public sealed class GatewaySigningHandler(GatewayCredential credential) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.RequestUri ?? throw new InvalidOperationException("A subgraph request needs an absolute URL.");
        request.Headers.Remove(GatewayCredential.HeaderName);
        request.Headers.TryAddWithoutValidation(GatewayCredential.HeaderName, credential.Sign(request.Method.Method, url.AbsolutePath));
        return base.SendAsync(request, cancellationToken);
    }
}
