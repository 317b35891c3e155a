using Coursera.Events.Handling;
using Coursera.Events.Outbox;
using Coursera.Media.Model;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Media.Data;

/// <summary>
/// Assets and their transcoding jobs; the lectures of public courses (from the catalog's events) and learners'
/// enrollments (from the learner's events) that playback is decided on; inbox and outbox; schema <c>media</c>.
/// </summary>
public sealed class MediaDbContext(DbContextOptions<MediaDbContext> options) : DbContext(options)
{
    public const string Schema = "media";

    public DbSet<Asset> Assets => Set<Asset>();

    public DbSet<TranscodeJob> TranscodeJobs => Set<TranscodeJob>();

    public DbSet<Lecture> Lectures => Set<Lecture>();

    public DbSet<ViewerEnrollment> Enrollments => Set<ViewerEnrollment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddInbox();
        modelBuilder.AddOutbox();

        modelBuilder.Entity<Asset>(asset =>
        {
            asset.HasKey(a => a.Id);
            asset.HasIndex(a => new { a.PartnerId, a.CreatedAt });
            asset.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
            asset.Property(a => a.Title).HasMaxLength(200);
            asset.Property(a => a.ContentType).HasMaxLength(100);
            asset.Property(a => a.UploadId).HasMaxLength(1024);
            asset.Property(a => a.Error).HasMaxLength(2000);
            asset.Property(a => a.CreatedBy).HasMaxLength(200);
            asset.Property(a => a.Renditions).AsJson();
            asset.Property(a => a.Captions).AsJson();
        });
        modelBuilder.Entity<TranscodeJob>(job =>
        {
            job.HasKey(j => j.AssetId);
            job.HasIndex(j => new { j.State, j.AvailableAt });
            job.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
            job.Property(j => j.LeaseToken).HasMaxLength(64);
            job.Property(j => j.LeasedBy).HasMaxLength(200);
            job.Property(j => j.LastError).HasMaxLength(2000);
        });
        modelBuilder.Entity<Lecture>(lecture =>
        {
            lecture.HasKey(l => l.ItemId);
            lecture.HasIndex(l => l.CourseId);
            lecture.HasIndex(l => l.VideoAssetId);
            lecture.Property(l => l.VideoAssetId).HasMaxLength(100);
        });
        modelBuilder.Entity<ViewerEnrollment>(enrollment =>
        {
            enrollment.HasKey(e => e.Id);
            enrollment.HasIndex(e => new { e.LearnerId, e.CourseId });
            enrollment.Property(e => e.State).HasMaxLength(20);
        });
    }
}
