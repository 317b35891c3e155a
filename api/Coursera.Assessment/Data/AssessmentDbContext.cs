using Coursera.Assessment.Model;
using Coursera.Events.Handling;
using Coursera.Events.Outbox;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Assessment.Data;

/// <summary>
/// Assessments and their versions, attempts, item grades, and what the service keeps of other services' events
/// (course items, enrollments); inbox and outbox; schema <c>assessment</c>. Attempt contents are documents.
/// </summary>
public sealed class AssessmentDbContext(DbContextOptions<AssessmentDbContext> options) : DbContext(options)
{
    public const string Schema = "assessment";

    public DbSet<ItemAssessment> Assessments => Set<ItemAssessment>();

    public DbSet<AssessmentVersion> Versions => Set<AssessmentVersion>();

    public DbSet<Attempt> Attempts => Set<Attempt>();

    public DbSet<ItemGrade> Grades => Set<ItemGrade>();

    public DbSet<CourseItem> CourseItems => Set<CourseItem>();

    public DbSet<LearnerEnrollment> Enrollments => Set<LearnerEnrollment>();

    public DbSet<AttemptGrant> Grants => Set<AttemptGrant>();

    public DbSet<CoursePass> CoursePasses => Set<CoursePass>();

    public DbSet<GradingJob> GradingJobs => Set<GradingJob>();

    public DbSet<PeerReview> PeerReviews => Set<PeerReview>();

    public DbSet<GradeGroup> GradeGroups => Set<GradeGroup>();

    /// <summary>The assessment's newest published version (<see cref="AssessmentVersion.NewestPublished"/>), read untracked.</summary>
    public async Task<AssessmentVersion> PublishedVersionAsync(Guid assessmentId, CancellationToken cancellationToken) =>
        AssessmentVersion.NewestPublished(await Versions.AsNoTracking().Where(v => v.AssessmentId == assessmentId && v.PublishedAt != null)
            .ToListAsync(cancellationToken)) ?? throw new InvalidOperationException($"Assessment {assessmentId} has no published version.");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddInbox();
        modelBuilder.AddOutbox();

        modelBuilder.Entity<ItemAssessment>(assessment =>
        {
            assessment.HasKey(a => a.Id);
            assessment.HasIndex(a => a.ItemId).IsUnique();
            assessment.HasIndex(a => a.CourseId);
            assessment.Property(a => a.Title).HasMaxLength(200);
            assessment.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
            assessment.Property(a => a.Group).HasMaxLength(100);
            assessment.HasMany(a => a.Versions).WithOne().HasForeignKey(v => v.AssessmentId);
            assessment.Ignore(a => a.Published);
            assessment.Ignore(a => a.Latest);
        });
        modelBuilder.Entity<AssessmentVersion>(version =>
        {
            version.HasKey(v => v.Id);
            version.HasIndex(v => new { v.AssessmentId, v.Number }).IsUnique();
            version.Property(v => v.Questions).AsJson();
            version.Property(v => v.Policy).AsJson();
            version.Property(v => v.Grader).AsJson();
            version.Property(v => v.PeerReview).AsJson();
        });
        modelBuilder.Entity<Attempt>(attempt =>
        {
            attempt.HasKey(a => a.Id);
            attempt.HasIndex(a => new { a.AssessmentId, a.LearnerId, a.Number }).IsUnique();
            attempt.HasIndex(a => new { a.LearnerId, a.ItemId });
            attempt.HasIndex(a => a.DueAt).HasFilter("state = 'InProgress' AND due_at IS NOT NULL"); // the overdue sweep
            attempt.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
            attempt.Property(a => a.Feedback).HasMaxLength(10_000);
        });
        modelBuilder.Entity<GradeGroup>(group =>
        {
            group.ToTable("grade_groups");
            group.HasKey(g => new { g.CourseId, g.Name });
            group.Property(g => g.Name).HasMaxLength(100);
        });
        modelBuilder.Entity<GradingJob>(job =>
        {
            job.ToTable("grading_jobs");
            job.HasKey(j => j.Id);
            job.HasIndex(j => j.AttemptId).IsUnique();
            job.HasIndex(j => j.AvailableAt).HasFilter("state IN ('Queued', 'Leased')"); // what a lease looks through
            job.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
            job.Property(j => j.LeaseToken).HasMaxLength(64);
            job.Property(j => j.LeasedBy).HasMaxLength(200);
            job.Property(j => j.LastError).HasMaxLength(2000);
        });
        modelBuilder.Entity<PeerReview>(review =>
        {
            review.ToTable("peer_reviews");
            review.HasKey(r => r.Id);
            review.HasIndex(r => new { r.AttemptId, r.ReviewerId }).IsUnique(); // one review of a submission per reviewer
            review.HasIndex(r => new { r.AssessmentId, r.ReviewerId });
            review.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            review.Property(r => r.StaffReviewer).HasMaxLength(200);
            review.Property(r => r.Comment).HasMaxLength(5000);
            review.Property(r => r.Scores).AsJson();
            review.Ignore(r => r.ByStaff);
        });
        modelBuilder.Entity<ItemGrade>(grade =>
        {
            grade.HasKey(g => new { g.LearnerId, g.ItemId });
            grade.HasIndex(g => new { g.CourseId, g.LearnerId });
        });
        modelBuilder.Entity<CourseItem>(item =>
        {
            item.HasKey(i => i.ItemId);
            item.HasIndex(i => i.CourseId);
            item.Property(i => i.Kind).HasMaxLength(20);
            item.Property(i => i.Title).HasMaxLength(200);
        });
        modelBuilder.Entity<CoursePass>(pass =>
        {
            pass.ToTable("course_passes");
            pass.HasKey(p => new { p.LearnerId, p.CourseId });
        });
        modelBuilder.Entity<AttemptGrant>(grant =>
        {
            grant.ToTable("attempt_grants");
            grant.HasKey(g => g.Id);
            grant.HasIndex(g => new { g.AssessmentId, g.LearnerId });
            grant.Property(g => g.GrantedBy).HasMaxLength(200);
            grant.Property(g => g.Reason).HasMaxLength(500);
        });
        modelBuilder.Entity<LearnerEnrollment>(enrollment =>
        {
            enrollment.ToTable("enrollments");
            enrollment.HasKey(e => e.Id);
            enrollment.HasIndex(e => new { e.LearnerId, e.CourseId });
            enrollment.Property(e => e.State).HasMaxLength(20);
            enrollment.Ignore(e => e.AllowsAttempts);
        });
    }
}
