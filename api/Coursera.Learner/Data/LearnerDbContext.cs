using System.Text.Json;
using Coursera.Events.Consumers;
using Coursera.Events.Outbox;
using Coursera.Learner.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Coursera.Learner.Data;

/// <summary>Enrollments, entitlements, certificates, the course outlines kept from the catalog, inbox and outbox; schema <c>learner</c>.</summary>
public sealed class LearnerDbContext(DbContextOptions<LearnerDbContext> options) : DbContext(options)
{
    public const string Schema = "learner";

    public DbSet<Enrollment> Enrollments => Set<Enrollment>();

    public DbSet<Entitlement> Entitlements => Set<Entitlement>();

    public DbSet<Certificate> Certificates => Set<Certificate>();

    public DbSet<CourseOutline> Outlines => Set<CourseOutline>();

    public DbSet<DataExport> DataExports => Set<DataExport>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddInbox();
        modelBuilder.AddOutbox();
        modelBuilder.Entity<Enrollment>(enrollment =>
        {
            enrollment.ToTable("enrollments");
            enrollment.Property(e => e.Track).HasConversion<string>().HasMaxLength(20);
            enrollment.Property(e => e.State).HasConversion<string>().HasMaxLength(20);
            enrollment.Property(e => e.LearnerName).HasMaxLength(200);
            // One current enrollment per learner and course, whatever races the requests run.
            enrollment.HasIndex(e => new { e.LearnerId, e.CourseId }).IsUnique()
                .HasFilter("state IN ('Active', 'Completed')").HasDatabaseName("ux_enrollments_current");
            enrollment.HasIndex(e => new { e.CourseId, e.State });
            enrollment.HasIndex(e => new { e.LearnerId, e.EnrolledAt });
        });
        modelBuilder.Entity<Entitlement>(entitlement =>
        {
            entitlement.ToTable("entitlements");
            entitlement.Property(e => e.GrantedBy).HasMaxLength(200);
            entitlement.HasIndex(e => new { e.LearnerId, e.CourseId });
        });
        modelBuilder.Entity<Certificate>(certificate =>
        {
            certificate.ToTable("certificates");
            certificate.Property(c => c.Code).HasMaxLength(32);
            certificate.HasIndex(c => c.Code).IsUnique();
            certificate.HasIndex(c => c.EnrollmentId).IsUnique();
            certificate.HasIndex(c => c.LearnerId);
            certificate.Property(c => c.LearnerName).HasMaxLength(200);
            certificate.Property(c => c.CourseTitle).HasMaxLength(300);
            certificate.Property(c => c.KeyId).HasMaxLength(100);
            certificate.Property(c => c.Signature).HasMaxLength(1000);
            certificate.Property(c => c.RevocationReason).HasMaxLength(500);
        });
        modelBuilder.Entity<DataExport>(export =>
        {
            export.ToTable("data_exports");
            export.HasIndex(e => e.UserId);
            export.Ignore(e => e.State);
        });
        modelBuilder.Entity<CourseOutline>(outline =>
        {
            outline.ToTable("course_outlines");
            outline.HasKey(o => o.CourseId);
            outline.Property(o => o.Title).HasMaxLength(300);
            outline.Property(o => o.Status).HasMaxLength(20);
            outline.Property(o => o.Sessions).AsJson();
            outline.Property(o => o.Items).AsJson();
            outline.Ignore(o => o.IsOpen);
            outline.Ignore(o => o.RequiredItems);
        });
    }
}

internal static class JsonColumns
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A list kept whole in a <c>jsonb</c> column, compared by its JSON for change tracking.</summary>
    public static void AsJson<T>(this Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<List<T>> property) =>
        property.HasColumnType("jsonb").HasConversion(
            value => JsonSerializer.Serialize(value, Json),
            json => JsonSerializer.Deserialize<List<T>>(json, Json) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                value => JsonSerializer.Serialize(value, Json).GetHashCode(StringComparison.Ordinal),
                value => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(value, Json), Json)!));
}
