using System.Security.Cryptography;
using System.Text.Json;
using Coursera.Identity.Clients;
using Coursera.Identity.Model;
using Coursera.ServiceDefaults.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Identity.Data;

/// <summary>
/// The development accounts of the all-in-one host: a platform administrator; for each sample partner an
/// administrator, an instructor and an API client with every partner scope; an organization with an administrator
/// and a learner, and its LMS's API client; and two first-party apps, the learner app and the partner portal (staff, with every API scope). Passwords and secrets are generated here, never stored in the
/// repository, and written to <c>Identity:DevCredentialsPath</c> (<c>.data/dev-credentials.json</c>) readable by its
/// owner only. Seeds only an empty identity store (<c>Identity:Seed</c>).
/// </summary>
public sealed partial class IdentitySeed(
    IdentityServiceDbContext db,
    UserManager<User> users,
    ApiClientRegistry apiClients,
    FirstPartyClients publicClients,
    IOptions<IdentityServiceOptions> options,
    ILogger<IdentitySeed> logger) : IStoreStep<IdentityServiceDbContext>
{
    public async Task RunAsync(IdentityServiceDbContext store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.Tenants.AnyAsync(cancellationToken))
        {
            return;
        }

        var credentials = await SeedAsync(options.Value.Issuer ?? "", cancellationToken);
        var path = options.Value.DevCredentialsPath;
        if (path is { Length: > 0 })
        {
            await credentials.WriteAsync(path, cancellationToken);
        }

        LogSeeded(logger, credentials.Users.Count, credentials.Clients.Count, path ?? "(not written)");
    }

    public async Task<DevCredentials> SeedAsync(string issuer, CancellationToken cancellationToken)
    {
        var seededUsers = new List<DevCredentials.User>();
        var seededClients = new List<DevCredentials.Client>();

        var platform = AddTenant(TenantKind.Platform, SampleTenants.Platform.Slug, SampleTenants.Platform.Name);
        var partners = SampleTenants.Partners.Select(p => AddTenant(TenantKind.Partner, p.Slug, p.Name, p.Id)).ToList();
        var organization = AddTenant(TenantKind.Organization, SampleTenants.Organization.Slug, SampleTenants.Organization.Name);
        await db.SaveChangesAsync(cancellationToken);

        seededUsers.Add(await AddUserAsync("admin@coursera.example", "Platform Administrator", platform, TenantRoles.PlatformAdmin));
        foreach (var partner in partners)
        {
            seededUsers.Add(await AddUserAsync($"admin@{partner.Slug}.example", $"{partner.Name} Administrator", partner, TenantRoles.PartnerAdmin));
            seededUsers.Add(await AddUserAsync($"instructor@{partner.Slug}.example", $"{partner.Name} Instructor", partner, TenantRoles.Instructor));
            var created = await apiClients.CreateAsync(partner, $"{partner.Name} integration", ApiScopes.Partner, createdBy: null, cancellationToken,
                clientId: $"partner-{partner.Slug}");
            seededClients.Add(new(created.Client.ClientId, created.Secret, "partner", partner.Slug, ApiScopes.Partner));
        }

        // The platform's grading worker: it takes every course's programming submissions (api/Coursera.GradingWorker).
        var worker = await apiClients.CreateAsync(platform, "Grading worker", [ApiScopes.GradingWork], createdBy: null, cancellationToken,
            clientId: SampleTenants.GradingWorkerClientId);
        seededClients.Add(new(worker.Client.ClientId, worker.Secret, "platform", platform.Slug, [ApiScopes.GradingWork]));

        seededUsers.Add(await AddUserAsync("admin@acme.example", "Acme Learning Administrator", organization, TenantRoles.OrganizationAdmin));
        seededUsers.Add(await AddUserAsync("learner@acme.example", "Ana Learner", organization, TenantRoles.Learner));

        // The organization's LMS: it provisions programs and enrollments and follows the learning-records feed (REST v1).
        var lms = await apiClients.CreateAsync(organization, $"{organization.Name} LMS", ApiScopes.Organization, createdBy: null, cancellationToken,
            clientId: $"org-{organization.Slug}");
        seededClients.Add(new(lms.Client.ClientId, lms.Secret, "organization", organization.Slug, ApiScopes.Organization));

        await publicClients.RegisterAsync(SampleTenants.LearnerAppClientId, "Coursera learner app", SampleTenants.LearnerAppRedirectUri,
            SampleTenants.LearnerAppPostLogoutUri, firstParty: true, [ApiScopes.CatalogRead, ApiScopes.EnrollmentsWrite, ApiScopes.MediaPlayback],
            cancellationToken);
        await publicClients.RegisterAsync(SampleTenants.PartnerPortalClientId, "Coursera partner portal", SampleTenants.PartnerPortalRedirectUri,
            SampleTenants.PartnerPortalPostLogoutUri, firstParty: true, ApiScopes.Api, cancellationToken);
        var graphiql = await RegisterGraphiQLAsync(issuer, cancellationToken);

        return new DevCredentials(issuer, seededClients,
            [
                new DevCredentials.PublicClient(SampleTenants.LearnerAppClientId, SampleTenants.LearnerAppRedirectUri.ToString()),
                new DevCredentials.PublicClient(SampleTenants.PartnerPortalClientId, SampleTenants.PartnerPortalRedirectUri.ToString()),
                .. graphiql,
            ],
            seededUsers);
    }

    /// <summary>GraphiQL signs developers in to try the API as staff or learners; its redirect needs the host's origin (the issuer).</summary>
    private async Task<IEnumerable<DevCredentials.PublicClient>> RegisterGraphiQLAsync(string issuer, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var origin))
        {
            return [];
        }

        var page = new Uri(origin, SampleTenants.GraphiQLPath);
        await publicClients.RegisterAsync(SampleTenants.GraphiQLClientId, "GraphiQL", page, page, firstParty: true, ApiScopes.Api, cancellationToken);
        return [new DevCredentials.PublicClient(SampleTenants.GraphiQLClientId, page.ToString())];
    }

    private Tenant AddTenant(TenantKind kind, string slug, string name, Guid? id = null)
    {
        var tenant = id is { } fixedId ? new Tenant { Id = fixedId, Kind = kind, Slug = slug, Name = name } : new Tenant { Kind = kind, Slug = slug, Name = name };
        db.Tenants.Add(tenant);
        return tenant;
    }

    private async Task<DevCredentials.User> AddUserAsync(string email, string name, Tenant tenant, string role)
    {
        var password = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(15));
        var user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {email} failed: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        db.Memberships.Add(new Membership { UserId = user.Id, TenantId = tenant.Id, Role = role });
        await db.SaveChangesAsync();
        return new DevCredentials.User(email, password, [role], tenant.Kind.ToString().ToLowerInvariant(), tenant.Slug);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Users} development users and {Clients} API clients; credentials in {Path}")]
    private static partial void LogSeeded(ILogger logger, int users, int clients, string path);
}
