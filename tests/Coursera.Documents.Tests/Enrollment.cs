namespace Coursera.Documents.Tests;

/// <summary>A document with what the learner service keeps: nested objects, a map keyed by item, Guid, DateTime, enum.</summary>
public sealed record Enrollment
{
    public required string LearnerId { get; init; }

    public required string CourseId { get; init; }

    public EnrollmentState State { get; init; }

    public Guid Token { get; init; }

    public DateTime EnrolledAt { get; init; }

    public int Attempts { get; init; }

    public double? BestScore { get; init; }

    public Dictionary<string, ItemProgress> Items { get; init; } = [];

    public List<string> Tags { get; init; } = [];
}

public enum EnrollmentState
{
    Active,
    Completed,
    Withdrawn,
}

public sealed record ItemProgress(string State, double Score);
