using System.Net.Http.Headers;
using Coursera.Events;
using Coursera.Identity.Data;
using Coursera.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Coursera.Assessment.Tests;

/// <summary>
/// The assessment service alone, by its own Program, on a test clock that the tests move: the identity service beside
/// it issues the tokens (validated by <c>Identity:Authority</c>), and the catalog's and the learner's events are put on
/// its stream as their relays would.
/// </summary>
public sealed class AssessmentApp : ServiceApp<Coursera.Assessment.Program>
{
    private IdentityApp? _identity;

    public AssessmentApp()
    {
        Settings["Assessment:MigrateOnStart"] = "true";
        Settings["Assessment:OverdueSweep"] = "00:00:00.100";
        Settings["Events:IdleDelay"] = "00:00:00.010";
        TestServices = services => services.AddSingleton<TimeProvider>(Clock);
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public static Guid PartnerId => SampleTenants.Partners.Single(p => p.Slug == "kings-bridge").Id;

    public override async Task InitializeAsync()
    {
        _identity = new IdentityApp(await EnsureDatabaseAsync());
        await _identity.InitializeAsync();
        Settings["Identity:Authority"] = _identity.Authority;
        await base.InitializeAsync();
    }

    /// <summary>The service's own GraphQL endpoint, as the seeded learner (the learner app) or the partner's API client.</summary>
    public async Task<(GraphQLHttpClient Learner, Guid LearnerId, GraphQLHttpClient Partner)> ClientsAsync()
    {
        var learner = CreateClient();
        learner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await _identity!.UserTokenAsync(LearningPath.LearnerEmail, "openid profile enrollments:write", SampleTenants.LearnerAppClientId));
        var partner = CreateClient();
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _identity.ApiClientTokenAsync("kings-bridge"));
        var id = Guid.Parse(await LearnerIdAsync());
        return (new GraphQLHttpClient(learner), id, new GraphQLHttpClient(partner));
    }

    /// <summary>Puts an event on the service's stream as the relay of the service that owns it would.</summary>
    public async Task PublishAsync(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestInfrastructure.Redis);
        await redis.GetDatabase().StreamAddAsync(Stream,
            [new NameValueEntry("id", envelope.Id.ToString()), new NameValueEntry("type", envelope.Type), new NameValueEntry("envelope", envelope.ToJson())]);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }
    }

    private async Task<string> LearnerIdAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id::text FROM identity.users WHERE email = $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = LearningPath.LearnerEmail });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
