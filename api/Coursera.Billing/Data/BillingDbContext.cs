using Coursera.Billing.Model;
using Coursera.Events.Handling;
using Coursera.Events.Outbox;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Billing.Data;

/// <summary>
/// Offers, orders, subscriptions, the ledger of money taken and given back with the partners' shares, the audit trail, the specializations' courses (from the catalog's events), the Stripe events already handled and the certificates learners earned (from the learner's events);
/// inbox and outbox; schema <c>billing</c>.
/// </summary>
public sealed class BillingDbContext(DbContextOptions<BillingDbContext> options) : DbContext(options)
{
    public const string Schema = "billing";

    public DbSet<Offer> Offers => Set<Offer>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<StripeEventReceipt> StripeEvents => Set<StripeEventReceipt>();

    public DbSet<EarnedCertificate> EarnedCertificates => Set<EarnedCertificate>();

    public DbSet<AidApplication> AidApplications => Set<AidApplication>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<Licence> Licences => Set<Licence>();

    public DbSet<SpecializationCourse> SpecializationCourses => Set<SpecializationCourse>();

    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    public DbSet<PartnerShare> PartnerShares => Set<PartnerShare>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddInbox();
        modelBuilder.AddOutbox();

        modelBuilder.Entity<Offer>(offer =>
        {
            offer.HasKey(o => o.Id);
            offer.HasIndex(o => o.CourseId);
            offer.HasIndex(o => o.SpecializationId);
            offer.Property(o => o.Kind).HasConversion<string>().HasMaxLength(30);
            offer.Property(o => o.Interval).HasConversion<string>().HasMaxLength(10);
            offer.Property(o => o.Title).HasMaxLength(200);
            offer.Property(o => o.Prices).AsJson();
        });
        modelBuilder.Entity<Order>(order =>
        {
            order.HasKey(o => o.Id);
            order.HasIndex(o => new { o.LearnerId, o.CreatedAt });
            order.HasIndex(o => o.CheckoutSessionId).IsUnique();
            order.Property(o => o.State).HasConversion<string>().HasMaxLength(20);
            order.Property(o => o.Price).AsJson();
            order.Property(o => o.CheckoutSessionId).HasMaxLength(255);
            order.Property(o => o.PaymentIntentId).HasMaxLength(255);
            order.Property(o => o.RefundReason).HasMaxLength(500);
            order.Property(o => o.RefundDecisionNote).HasMaxLength(1000);
            order.Property(o => o.FailureReason).HasMaxLength(500);
            order.HasIndex(o => o.PaymentIntentId);
            order.HasIndex(o => o.AccessEndsAt).HasFilter("access_ends_at IS NOT NULL AND state = 'Paid'");
            order.HasIndex(o => o.RefundRequestedAt).HasFilter("refund_requested_at IS NOT NULL AND refund_declined_at IS NULL AND state = 'Paid'");
        });
        modelBuilder.Entity<Subscription>(subscription =>
        {
            subscription.HasKey(s => s.Id);
            subscription.HasIndex(s => new { s.LearnerId, s.SpecializationId });
            subscription.HasIndex(s => s.CheckoutSessionId).IsUnique();
            subscription.HasIndex(s => s.StripeSubscriptionId).IsUnique();
            subscription.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
            subscription.Property(s => s.Price).AsJson();
            subscription.Property(s => s.CheckoutSessionId).HasMaxLength(255);
            subscription.Property(s => s.StripeSubscriptionId).HasMaxLength(255);
            subscription.Property(s => s.EntitledCourseIds).AsJson();
        });
        modelBuilder.Entity<Licence>(licence =>
        {
            licence.HasKey(l => l.Id);
            licence.HasIndex(l => l.OrganizationId);
            licence.Property(l => l.ProgramIds).AsJson();
            licence.Property(l => l.ChangedBy).HasMaxLength(320);
        });
        modelBuilder.Entity<SpecializationCourse>(course =>
        {
            course.HasKey(c => new { c.SpecializationId, c.CourseId });
            course.HasIndex(c => c.CourseId);
        });
        modelBuilder.Entity<AidApplication>(application =>
        {
            application.HasKey(a => a.Id);
            // One open (or approved) application per learner and course, whatever races the requests run.
            application.HasIndex(a => new { a.LearnerId, a.CourseId }).IsUnique().HasFilter("state IN ('Pending', 'Approved')");
            application.HasIndex(a => new { a.State, a.SubmittedAt });
            application.HasIndex(a => a.AccessEndsAt).HasFilter("state = 'Approved'");
            application.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
            application.Property(a => a.Reasons).HasMaxLength(20_000);
            application.Property(a => a.Goals).HasMaxLength(20_000);
            application.Property(a => a.Note).HasMaxLength(1000);
            application.Property(a => a.DecidedBy).HasMaxLength(320);
        });
        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("ledger");
            entry.HasKey(e => e.Id);
            entry.HasIndex(e => e.Reference).IsUnique();
            entry.HasIndex(e => new { e.PartnerId, e.OccurredAt });
            entry.Property(e => e.Reference).HasMaxLength(300);
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.Currency).HasMaxLength(3);
            entry.Property(e => e.PartnerSharePercent).HasPrecision(5, 2);
        });
        modelBuilder.Entity<PartnerShare>(share =>
        {
            share.HasKey(s => s.PartnerId);
            share.Property(s => s.Percent).HasPrecision(5, 2);
            share.Property(s => s.ChangedBy).HasMaxLength(320);
        });
        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_trail");
            entry.HasKey(e => e.Id);
            entry.HasIndex(e => e.OccurredAt);
            entry.HasIndex(e => new { e.Subject, e.OccurredAt });
            entry.Property(e => e.Actor).HasMaxLength(320);
            entry.Property(e => e.Action).HasMaxLength(50);
            entry.Property(e => e.Subject).HasMaxLength(100);
            entry.Property(e => e.Detail).HasMaxLength(1000);
        });
        modelBuilder.Entity<EarnedCertificate>(certificate => certificate.HasKey(c => new { c.LearnerId, c.CourseId }));
        modelBuilder.Entity<StripeEventReceipt>(receipt =>
        {
            receipt.ToTable("stripe_events");
            receipt.HasKey(r => r.EventId);
            receipt.Property(r => r.EventId).HasMaxLength(255);
            receipt.Property(r => r.Type).HasMaxLength(100);
        });
    }
}
