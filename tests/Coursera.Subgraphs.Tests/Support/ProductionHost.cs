namespace Coursera.Subgraphs.Tests.Support;

/// <summary>One host with production defaults, shared by the tests of a class that need nothing else.</summary>
public sealed class ProductionHost : IAsyncLifetime
{
    private SubgraphHost? _host;

    public SubgraphHost Host => _host ?? throw new InvalidOperationException("Not started");

    public async Task InitializeAsync() => _host = await SubgraphHost.StartAsync("Production");

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
