namespace Coursera.Catalog.Model;

/// <summary>An instructor teaching a course, in the order the course lists them.</summary>
public sealed class CourseInstructor
{
    public Guid CourseId { get; set; }
    public Guid InstructorId { get; set; }
    public int Position { get; set; }
    public Instructor? Instructor { get; set; }
}
