using Coursera.Catalog.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace Coursera.Catalog.Data;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.Slug).HasMaxLength(80);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Country).HasMaxLength(2);
    }
}

internal sealed class InstructorConfiguration : IEntityTypeConfiguration<Instructor>
{
    public void Configure(EntityTypeBuilder<Instructor> builder)
    {
        builder.HasOne<Partner>().WithMany().HasForeignKey(i => i.PartnerId);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.HasIndex(i => i.PartnerId);
    }
}

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    /// <summary>Shadow column maintained by PostgreSQL; the domain model never sees it.</summary>
    public const string SearchVector = "SearchVector";

    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Slug).HasMaxLength(80);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Subtitle).HasMaxLength(300);
        builder.Property(c => c.Language).HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Skills).HasColumnType("text[]");
        builder.Property(c => c.PrerequisiteIds).HasColumnType("uuid[]").HasDefaultValueSql("'{}'::uuid[]"); // existing rows have none
        builder.HasMany(c => c.Modules).WithOne().HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Instructors).WithOne().HasForeignKey(ci => ci.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Sessions).WithOne().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Cascade);

        // Weighted full-text document: a match in the title ranks above one in the description.
        builder.Property<NpgsqlTsVector>(SearchVector)
            .HasComputedColumnSql(
                "setweight(to_tsvector('english', coalesce(title, '')), 'A') || " +
                "setweight(to_tsvector('english', coalesce(subtitle, '')), 'B') || " +
                "setweight(to_tsvector('english', coalesce(description, '')), 'C')",
                stored: true);
        builder.HasIndex(SearchVector).HasMethod("GIN");
        builder.HasIndex(c => c.Skills).HasMethod("GIN");
        builder.HasIndex(c => new { c.Status, c.PublishedAt, c.Slug });
        builder.HasIndex(c => new { c.Status, c.Title, c.Slug });
        builder.HasIndex(c => new { c.PartnerId, c.Status });
    }
}

internal sealed class CourseInstructorConfiguration : IEntityTypeConfiguration<CourseInstructor>
{
    public void Configure(EntityTypeBuilder<CourseInstructor> builder)
    {
        builder.HasKey(ci => new { ci.CourseId, ci.InstructorId });
        builder.HasOne(ci => ci.Instructor).WithMany().HasForeignKey(ci => ci.InstructorId);
    }
}

internal sealed class ModuleConfiguration : IEntityTypeConfiguration<Module>
{
    public void Configure(EntityTypeBuilder<Module> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(200);
        builder.HasMany(m => m.Items).WithOne().HasForeignKey(i => i.ModuleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.CourseId, m.Position });
    }
}

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.VideoAssetId).HasMaxLength(100);
        builder.HasIndex(i => new { i.ModuleId, i.Position });
    }
}

internal sealed class SpecializationConfiguration : IEntityTypeConfiguration<Specialization>
{
    public void Configure(EntityTypeBuilder<Specialization> builder)
    {
        builder.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.Slug).HasMaxLength(80);
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.HasMany(s => s.Courses).WithOne().HasForeignKey(sc => sc.SpecializationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SpecializationCourseConfiguration : IEntityTypeConfiguration<SpecializationCourse>
{
    public void Configure(EntityTypeBuilder<SpecializationCourse> builder)
    {
        builder.HasKey(sc => new { sc.SpecializationId, sc.CourseId });
        builder.HasOne<Course>().WithMany().HasForeignKey(sc => sc.CourseId);
    }
}

internal sealed class CourseSessionConfiguration : IEntityTypeConfiguration<CourseSession>
{
    public void Configure(EntityTypeBuilder<CourseSession> builder)
    {
        builder.ToTable("course_sessions");
        builder.HasIndex(s => new { s.CourseId, s.StartsAt });
    }
}
