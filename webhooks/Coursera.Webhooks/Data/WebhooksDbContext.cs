using Coursera.Events.Handling;
using Coursera.Events.Outbox;
using Coursera.Webhooks.Model;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Webhooks.Data;

/// <summary>
/// Endpoints, messages to deliver, the delivery log, the consumer inbox and outbox, and the Data Protection key ring
/// that encrypts the endpoints' secrets (shared by every dispatcher instance); schema <c>webhooks</c>.
/// </summary>
public sealed class WebhooksDbContext(DbContextOptions<WebhooksDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Schema = "webhooks";

    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookMessage> Messages => Set<WebhookMessage>();

    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddInbox();
        modelBuilder.AddOutbox();
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.Entity<WebhookEndpoint>(endpoint =>
        {
            endpoint.ToTable("endpoints");
            endpoint.Property(e => e.Url).HasMaxLength(WebhookEndpoint.MaxUrlLength);
            endpoint.Property(e => e.Description).HasMaxLength(WebhookEndpoint.MaxDescriptionLength);
            endpoint.Property(e => e.DisabledReason).HasMaxLength(200);
            endpoint.Property(e => e.TenantKind).HasMaxLength(20);
            endpoint.HasIndex(e => e.TenantId);
        });
        modelBuilder.Entity<WebhookMessage>(message =>
        {
            message.ToTable("messages");
            message.Property(m => m.EventType).HasMaxLength(100);
            // text, not jsonb: the body is signed and sent byte for byte as it was written.
            message.Property(m => m.Body);
            message.HasIndex(m => new { m.EventId, m.EndpointId }).IsUnique();
            message.HasIndex(m => m.NextAttemptAt).HasFilter("status = 0").HasDatabaseName("ix_messages_due");
            message.HasIndex(m => new { m.EndpointId, m.CreatedAt });
        });
        modelBuilder.Entity<DeliveryAttempt>(attempt =>
        {
            attempt.ToTable("delivery_attempts");
            attempt.Property(a => a.Response).HasMaxLength(2000);
            attempt.HasIndex(a => new { a.MessageId, a.AttemptedAt });
            attempt.HasIndex(a => new { a.EndpointId, a.AttemptedAt });
        });
    }
}
