namespace Coursera.Federation.Tests.Federations.Campus;

/// <summary>The data behind the campus federation, shared by its three subgraphs the way their databases agree on ids.</summary>
public sealed class CampusData
{
    public List<CampusInstructor> Instructors { get; } =
    [
        new() { Id = "i1", Name = "Ada", HoursTaught = 10, PayGrade = "senior" },
        new() { Id = "i2", Name = "Grace", HoursTaught = 4, PayGrade = "junior" },
        new() { Id = "i3", Name = "Alan", HoursTaught = 7, PayGrade = "staff" },
    ];

    /// <summary>Lectures and workshops in the order <c>sessions</c> returns them; <c>agenda</c> has its own order.</summary>
    public List<CampusSession> Sessions { get; } =
    [
        new() { Id = "l1", Kind = SessionKind.Lecture, Title = "Compilers", InstructorIds = ["i1", "i2"], Rota = [["i1"], ["i2", "i3"]] },
        new() { Id = "w1", Kind = SessionKind.Workshop, Title = "Parsing lab", InstructorIds = ["i2", "i3"], Rota = [["i3"]] },
        new() { Id = "l2", Kind = SessionKind.Lecture, Title = "Type systems", InstructorIds = ["i3"], Rota = [] },
    ];

    public IEnumerable<CampusSession> Agenda => [Sessions[1], Sessions[0]];

    public CampusInstructor? Instructor(string? id) => Instructors.FirstOrDefault(i => i.Id == id);

    /// <summary>Payroll's rate per hour taught.</summary>
    public static int Payout(int hoursTaught) => hoursTaught * 100;
}

public enum SessionKind
{
    Lecture,
    Workshop,
}

public sealed class CampusSession
{
    public required string Id { get; init; }

    public required SessionKind Kind { get; init; }

    public required string Title { get; init; }

    public required List<string> InstructorIds { get; init; }

    /// <summary>Who teaches each week: a list of lists of instructors.</summary>
    public required List<List<string>> Rota { get; init; }
}

public sealed class CampusInstructor
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required int HoursTaught { get; init; }

    public required string PayGrade { get; init; }
}
