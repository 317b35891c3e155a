namespace Coursera.Catalog.Model;

public enum CourseStatus
{
    Draft,
    Published,
    Archived,
}
