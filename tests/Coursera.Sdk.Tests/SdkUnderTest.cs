using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Sdk.Tests;

/// <summary>The SDK as an application registers it, with a test double of the network below it.</summary>
/// <typeparam name="TTransport">The double, wrapping the real socket handler.</typeparam>
public sealed class SdkUnderTest<TTransport>(ServiceProvider services, TTransport transport) : IAsyncDisposable
    where TTransport : HttpMessageHandler
{
    public ServiceProvider Services => services;

    /// <summary>A client from the container, as an application would inject it.</summary>
    public CourseraClient Client => services.GetRequiredService<CourseraClient>();

    public TTransport Transport => transport;

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
