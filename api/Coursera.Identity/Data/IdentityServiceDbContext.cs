using Coursera.Events.Handling;
using Coursera.Events.Outbox;
using Coursera.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Identity.Data;

/// <summary>
/// Users (ASP.NET Core Identity, without its global roles: roles here belong to a tenant), tenants, memberships,
/// API clients, the audit log, and OpenIddict's applications, authorizations, scopes and tokens; schema <c>identity</c>.
/// </summary>
public sealed class IdentityServiceDbContext(DbContextOptions<IdentityServiceDbContext> options)
    : IdentityUserContext<User, Guid>(options)
{
    public const string Schema = "identity";

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.UseOpenIddict<Guid>();
        builder.AddInbox();
        builder.AddOutbox();

        builder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.HasMany(u => u.Memberships).WithOne(m => m.User).HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication<Guid>>().ToTable("oidc_applications");
        builder.Entity<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreAuthorization<Guid>>().ToTable("oidc_authorizations");
        builder.Entity<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreScope<Guid>>().ToTable("oidc_scopes");
        builder.Entity<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken<Guid>>().ToTable("oidc_tokens");

        builder.Entity<Tenant>(tenant =>
        {
            tenant.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
            tenant.Property(t => t.Slug).HasMaxLength(100);
            tenant.Property(t => t.Name).HasMaxLength(200);
            tenant.HasIndex(t => new { t.Kind, t.Slug }).IsUnique();
        });

        builder.Entity<Membership>(membership =>
        {
            membership.Property(m => m.Role).HasMaxLength(40);
            membership.Property(m => m.State).HasConversion<string>().HasMaxLength(20);
            membership.HasOne(m => m.Tenant).WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
            membership.HasIndex(m => new { m.UserId, m.TenantId, m.Role }).IsUnique();
            membership.HasIndex(m => m.TenantId);
        });

        builder.Entity<ApiClient>(client =>
        {
            client.Property(c => c.ClientId).HasMaxLength(100);
            client.Property(c => c.Name).HasMaxLength(200);
            client.HasIndex(c => c.ClientId).IsUnique();
            client.HasIndex(c => c.TenantId);
            client.HasOne(c => c.Tenant).WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_log");
            entry.Property(e => e.Type).HasMaxLength(60);
            entry.Property(e => e.ActorClientId).HasMaxLength(100);
            entry.Property(e => e.Detail).HasMaxLength(500);
            entry.Property(e => e.IpAddress).HasMaxLength(64);
            entry.HasIndex(e => e.OccurredAt);
            entry.HasIndex(e => new { e.TenantId, e.OccurredAt });
        });
    }
}
