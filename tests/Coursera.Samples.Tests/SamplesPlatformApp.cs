namespace Coursera.Samples.Tests;

/// <summary>
/// The all-in-one host on a loopback socket, as <c>./run.sh</c> serves it: the samples reach it over real HTTP, and its
/// webhooks dispatcher reaches the receiver sample the same way.
/// </summary>
public sealed class SamplesPlatformApp : PlatformApp
{
    /// <summary>The seeded organization's API client, the one the LMS sample uses by default.</summary>
    public const string OrganizationClientId = "org-acme-corp";

    public SamplesPlatformApp()
        : base(socket: true)
    {
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ClientOptions.BaseAddress = new Uri(Address); // the test's own clients reach the socket too
    }

    /// <summary>The SDK as the organization's API client, its secret read from the seed's credentials file.</summary>
    public CourseraClient OrganizationSdk()
    {
        var client = Credentials.Clients.Single(c => c.ClientId == OrganizationClientId);
        return new CourseraClient(new CourseraClientOptions { BaseUrl = new Uri(Address), ClientId = client.ClientId, ClientSecret = client.ClientSecret });
    }
}
