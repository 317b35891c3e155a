namespace Coursera.Assessment.Model;

public enum AttemptState
{
    InProgress,
    Graded,
}
