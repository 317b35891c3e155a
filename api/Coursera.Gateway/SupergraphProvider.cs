using Coursera.Federation;
using Coursera.Federation.Composition;
using Coursera.Federation.Execution;
using Coursera.Gateway.Transport;
using Coursera.Subgraphs;
using Microsoft.Extensions.Options;

namespace Coursera.Gateway;

/// <summary>
/// Composes the supergraph from the subgraphs' own SDL (<c>_service { sdl }</c>) on first use, and keeps the
/// gateway built on it, with the configured operation limits and introspection switch. A failed composition is retried
/// on the next request and reported with every error.
/// </summary>
public sealed class SupergraphProvider(
    ISubgraphTransport transport,
    IEnumerable<InProcessSubgraph> local,
    IEnumerable<SubgraphEndpoint> remote,
    IOptions<GatewayOptions> gatewayOptions,
    IOptions<GraphQLEndpointOptions> endpointOptions,
    IHostEnvironment environment) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FederationGateway? _gateway;

    public void Dispose() => _gate.Dispose();

    public async Task<FederationGateway> GetAsync(CancellationToken cancellationToken)
    {
        if (_gateway is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_gateway is null)
            {
                var definitions = new List<SubgraphDefinition>();
                foreach (var (name, url) in local.Select(l => (l.Name, $"inprocess://{l.Name}")).Concat(remote.Select(r => (r.Name, r.Url.ToString()))))
                {
                    var response = await transport.ExecuteAsync(name, new SubgraphRequest("{ _service { sdl } }", null, []), cancellationToken);
                    var sdl = response["data"]?["_service"]?["sdl"]?.GetValue<string>()
                        ?? throw new InvalidOperationException($"Subgraph {name} did not return its SDL: {response.ToJsonString()}");
                    definitions.Add(new SubgraphDefinition(name, sdl, url));
                }

                var composition = Composer.Compose(definitions);
                if (!composition.Succeeded)
                {
                    throw new InvalidOperationException("The subgraphs do not compose:\n" + string.Join("\n", composition.Errors));
                }

                _gateway = new FederationGateway(composition.Supergraph!, transport, new FederationGatewayOptions
                {
                    Limits = gatewayOptions.Value.ToLimits(),
                    EnableIntrospection = endpointOptions.Value.EnableIntrospection ?? environment.IsDevelopment(),
                });
            }

            return _gateway;
        }
        finally
        {
            _gate.Release();
        }
    }
}
