namespace Coursera.Gateway.Tests;

/// <summary>
/// The key the test gateways sign their subgraph requests with, and the test subgraphs check: outside Development
/// neither starts without one, as in production.
/// </summary>
internal static class TestGatewayKey
{
    public const string Value = "test-gateway-key-0123456789abcdef0123456789abcdef";
}
