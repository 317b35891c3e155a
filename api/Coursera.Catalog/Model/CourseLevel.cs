namespace Coursera.Catalog.Model;

public enum CourseLevel
{
    Beginner,
    Intermediate,
    Advanced,
    Mixed,
}
