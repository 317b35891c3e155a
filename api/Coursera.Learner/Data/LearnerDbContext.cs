using Coursera.Events.Handling;
using Coursera.Events.Outbox;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Coursera.Learner.Data;

/// <summary>Enrollments, entitlements, certificates, programs, licences and their seats, the organizations' learning records, the course outlines kept from the catalog, inbox and outbox; schema <c>learner</c>.</summary>
public sealed class LearnerDbContext(DbContextOptions<LearnerDbContext> options) : DbContext(options)
{
    public const string Schema = "learner";

    /// <summary>Numbers the learning records (see <see cref="LearningRecord.Seq"/>).</summary>
    public const string LearningRecordSequence = "learning_record_seq";

    public DbSet<Enrollment> Enrollments => Set<Enrollment>();

    public DbSet<Entitlement> Entitlements => Set<Entitlement>();

    public DbSet<Certificate> Certificates => Set<Certificate>();

    public DbSet<CourseOutline> Outlines => Set<CourseOutline>();

    public DbSet<CourseItem> CourseItems => Set<CourseItem>();

    public DbSet<VideoLength> VideoLengths => Set<VideoLength>();

    public DbSet<DataExport> DataExports => Set<DataExport>();

    public DbSet<EnterpriseProgram> Programs => Set<EnterpriseProgram>();

    public DbSet<ProgramMembership> ProgramMemberships => Set<ProgramMembership>();

    public DbSet<BulkEnrollmentJob> BulkJobs => Set<BulkEnrollmentJob>();

    public DbSet<BulkEnrollmentRow> BulkRows => Set<BulkEnrollmentRow>();

    public DbSet<Licence> Licences => Set<Licence>();

    public DbSet<Seat> Seats => Set<Seat>();

    public DbSet<LearningRecord> LearningRecords => Set<LearningRecord>();

    public DbSet<ErasedLearner> ErasedLearners => Set<ErasedLearner>();

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
            enrollment.HasIndex(e => e.CatalogEntitlementId).HasFilter("catalog_entitlement_id IS NOT NULL");
            enrollment.Property(e => e.LearnerName).HasMaxLength(200);
            // One current enrollment per learner and course, whatever races the requests run.
            enrollment.HasIndex(e => new { e.LearnerId, e.CourseId }).IsUnique()
                .HasFilter("state IN ('Active', 'Completed')").HasDatabaseName("ux_enrollments_current");
            enrollment.HasIndex(e => new { e.CourseId, e.State });
            enrollment.HasIndex(e => new { e.LearnerId, e.EnrolledAt });
        });
        modelBuilder.Entity<Licence>(licence =>
        {
            licence.ToTable("licences");
            licence.HasIndex(l => l.OrganizationId);
            licence.Property(l => l.ProgramIds).AsJson();
        });
        modelBuilder.Entity<Seat>(seat =>
        {
            seat.ToTable("seats");
            seat.HasKey(s => new { s.LicenceId, s.LearnerId });
            seat.HasIndex(s => s.LearnerId);
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
        modelBuilder.Entity<EnterpriseProgram>(program =>
        {
            program.ToTable("programs");
            program.Property(p => p.Name).HasMaxLength(200);
            program.Property(p => p.Description).HasMaxLength(2000);
            program.HasIndex(p => p.OrganizationId);
        });
        modelBuilder.Entity<ProgramMembership>(membership =>
        {
            membership.ToTable("program_memberships");
            membership.Property(m => m.Email).HasMaxLength(320);
            membership.Property(m => m.ExternalId).HasMaxLength(200);
            membership.HasIndex(m => new { m.ProgramId, m.UserId }).IsUnique().HasFilter("user_id IS NOT NULL");
            membership.HasIndex(m => new { m.ProgramId, m.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
            membership.HasIndex(m => new { m.ProgramId, m.Email }).IsUnique().HasFilter("email IS NOT NULL");
        });
        modelBuilder.Entity<BulkEnrollmentJob>(job =>
        {
            job.ToTable("bulk_enrollment_jobs");
            job.Property(j => j.IdempotencyKey).HasMaxLength(200);
            job.Property(j => j.State).HasMaxLength(20);
            job.HasIndex(j => new { j.OrganizationId, j.IdempotencyKey }).IsUnique();
            job.HasIndex(j => j.State).HasFilter("state = 'QUEUED'");
        });
        modelBuilder.Entity<ErasedLearner>(erased =>
        {
            erased.ToTable("erased_learners");
            erased.HasKey(e => e.LearnerId);
        });
        modelBuilder.Entity<BulkEnrollmentRow>(row =>
        {
            row.ToTable("bulk_enrollment_rows");
            row.HasKey(r => new { r.JobId, r.RowNumber });
            row.Property(r => r.LearnerId).HasMaxLength(100);
            row.Property(r => r.ExternalId).HasMaxLength(200);
            row.Property(r => r.CourseId).HasMaxLength(100);
            row.Property(r => r.Status).HasMaxLength(20);
            row.Property(r => r.ErrorCode).HasMaxLength(50);
            row.Property(r => r.Message).HasMaxLength(500);
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
            outline.Property(o => o.PrerequisiteIds).HasColumnType("uuid[]").HasDefaultValueSql("'{}'::uuid[]"); // outlines kept before prerequisites had none
            outline.Ignore(o => o.IsOpen);
            outline.Ignore(o => o.RequiredItems);
        });
        modelBuilder.HasSequence<long>(LearningRecordSequence);
        modelBuilder.Entity<LearningRecord>(record =>
        {
            record.ToTable("learning_records");
            record.HasKey(r => r.Seq);

            // No default: the BEFORE INSERT trigger of the LearningRecords migration numbers each row from the sequence only
            // after taking its organization's lock, so an organization's rows commit in the order of their numbers.
            record.Property(r => r.Seq).ValueGeneratedOnAdd().Metadata.SetValueGenerationStrategy(NpgsqlValueGenerationStrategy.None);
            record.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            record.Property(r => r.Track).HasConversion<string>().HasMaxLength(20);
            record.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            record.Property(r => r.ExternalId).HasMaxLength(200);
            record.Property(r => r.Email).HasMaxLength(320);
            record.Property(r => r.ItemState).HasMaxLength(20);
            record.Ignore(r => r.ProgressPending);
            record.HasIndex(r => new { r.OrganizationId, r.Seq });
            record.HasIndex(r => new { r.OrganizationId, r.OccurredAt }).IncludeProperties(r => r.Seq); // where updatedSince starts, from the index alone
            record.HasIndex(r => new { r.EnrollmentId, r.Seq }); // an item's last record; an erased learner's records
        });
        modelBuilder.Entity<VideoLength>(video =>
        {
            video.ToTable("video_lengths");
            video.HasKey(v => v.AssetId);
        });
        modelBuilder.Entity<CourseItem>(item =>
        {
            item.ToTable("course_items");
            item.HasKey(i => i.ItemId);
            item.HasIndex(i => i.CourseId);
        });
    }
}
