using Coursera.Catalog.Model;
using Coursera.Events.Handling;
using Coursera.Events.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Data;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public const string Schema = "catalog";

    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<Instructor> Instructors => Set<Instructor>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseInstructor> CourseInstructors => Set<CourseInstructor>();
    public DbSet<Module> Modules => Set<Module>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<Specialization> Specializations => Set<Specialization>();
    public DbSet<SpecializationCourse> SpecializationCourses => Set<SpecializationCourse>();
    public DbSet<CourseSession> Sessions => Set<CourseSession>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}
