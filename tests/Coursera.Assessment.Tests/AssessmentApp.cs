using System.Net.Http.Headers;
using Coursera.Events;
using Coursera.Identity.Data;
using Coursera.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenIddict.Validation;
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
        : base(socket: true) // grading workers call it over HTTP, as they would in production
    {
        Settings["Assessment:MigrateOnStart"] = "true";
        Settings["Assessment:OverdueSweep"] = "00:00:00.100";
        Settings["Assessment:PeerReviewSweep"] = "00:00:00.100";
        Settings["Events:IdleDelay"] = "00:00:00.010";
        TestServices = services =>
        {
            services.AddSingleton<TimeProvider>(Clock);

            // Tokens are issued on the real clock: the test clock moving days ahead must not expire them.
            services.Configure<OpenIddictValidationOptions>(options => options.TimeProvider = TimeProvider.System);
        };
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

    /// <summary>The service's GraphQL endpoint with a token: a learner's from <see cref="NewLearnerAsync"/>, say.</summary>
    public GraphQLHttpClient Client(string token)
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new GraphQLHttpClient(http);
    }

    /// <summary>A new learner account and its token (the identity service beside this one issues it).</summary>
    public Task<(Guid Id, string Token)> NewLearnerAsync() => _identity!.NewLearnerAsync();

    /// <summary>A new learner enrolled in the course: their id and the service's endpoint with their token.</summary>
    public async Task<(Guid Id, GraphQLHttpClient Client)> EnrolledLearnerAsync(Guid courseId)
    {
        var (id, token) = await NewLearnerAsync();
        await EnrollAsync(id, courseId);
        return (id, Client(token));
    }

    /// <summary>A seeded partner's API client (all its scopes unless <paramref name="scope"/> narrows them) on the service's endpoint.</summary>
    public async Task<GraphQLHttpClient> PartnerClientAsync(string partnerSlug, string? scope = null) =>
        Client(await _identity!.ApiClientTokenAsync(partnerSlug, scope));

    /// <summary>The platform's grading worker client (seeded with grading:work): its token.</summary>
    public Task<string> GradingWorkerTokenAsync() => _identity!.ApiClientTokenAsync(SampleTenants.Platform.Slug);

    /// <summary>What a grading worker needs to reach the identity service: its issuer and the worker's credentials.</summary>
    public (string Authority, string ClientId, string ClientSecret) GradingWorkerCredentials()
    {
        var client = _identity!.Credentials.Clients.Single(c => c.ClientId == SampleTenants.GradingWorkerClientId);
        return (_identity.Authority, client.ClientId, client.ClientSecret);
    }

    /// <summary>
    /// A published course of the partner with one graded item of <paramref name="kind"/>, as the catalog's relay would
    /// announce it: the course's id and the item's.
    /// </summary>
    public async Task<(Guid CourseId, Guid ItemId)> PublishCourseAsync(string kind)
    {
        var courseId = Guid.CreateVersion7();
        var itemId = Guid.CreateVersion7();
        var now = Clock.GetUtcNow().UtcDateTime;
        await PublishAsync(EventEnvelope.Create("course.published", "catalog", courseId.ToString(), new
        {
            courseId, partnerId = PartnerId, title = $"A course with a {kind}", status = "PUBLISHED",
            modules = new[] { new { id = Guid.CreateVersion7(), title = "Week 1", items = new[] { new { id = itemId, title = kind, kind, required = true, graded = true } } } },
        }, now, partnerId: PartnerId));
        return (courseId, itemId);
    }

    /// <summary>
    /// An active enrollment of the learner in the course (through an organization's program when
    /// <paramref name="organizationId"/> is given), as the learner service's relay would announce it.
    /// </summary>
    public Task EnrollAsync(Guid learnerId, Guid courseId, Guid? organizationId = null)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        return PublishAsync(EventEnvelope.Create("enrollment.created", "learner", Guid.CreateVersion7().ToString(), new
        {
            enrollmentId = Guid.CreateVersion7(), learnerId, courseId, sessionId = Guid.CreateVersion7(), partnerId = PartnerId,
            organizationId, track = organizationId is null ? "AUDIT" : "ENTERPRISE", state = "ACTIVE", occurredAt = now,
        }, now, partnerId: PartnerId));
    }

    /// <summary>The seeded organization's administrator on the service's endpoint, and the organization's id.</summary>
    public async Task<(Guid OrganizationId, GraphQLHttpClient Admin)> OrganizationAdminAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id FROM identity.tenants WHERE slug = $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = SampleTenants.Organization.Slug });
        var id = (Guid)(await command.ExecuteScalarAsync())!;
        return (id, Client(await _identity!.UserTokenAsync("admin@acme.example", "openid profile")));
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
