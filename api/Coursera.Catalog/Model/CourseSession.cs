namespace Coursera.Catalog.Model;

/// <summary>A run of a course with dates; learners enroll in a session while its enrollment window is open.</summary>
public sealed class CourseSession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CourseId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public DateTime EnrollmentOpensAt { get; set; }
    public DateTime EnrollmentClosesAt { get; set; }
}
