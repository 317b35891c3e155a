namespace Coursera.Gateway.Http;

/// <summary>Endpoint metadata naming the gateway's GraphQL endpoint, so that <see cref="GatewayRequestMiddleware"/> acts on its requests only.</summary>
internal sealed class GatewayEndpointMarker
{
    public static GatewayEndpointMarker Instance { get; } = new();
}
