using Coursera.Federation.Tests.Fixtures;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Federation.Tests.Federations.Learning;

// courses:
//   type Query { enrollments: [Enrollment!]!  teams: [Team!]! }
//   type Enrollment @key(fields: "userId courseId") { userId: ID!  courseId: ID!  enrolledAt: String! }
//   type Team @key(fields: "org { id } slug") { org: Org!  slug: String!  name: String! }
//   type Org @key(fields: "id") { id: ID!  name: String! }
// progress:
//   type Query { progress: [Enrollment!]!  leaderboard: [Team!]! }
//   type Enrollment @key(fields: "userId courseId") { userId: ID!  courseId: ID!  percent: Int! }
//   type Team @key(fields: "org { id } slug") { org: Org!  slug: String!  score: Int! }
//   type Org @key(fields: "id") { id: ID! }
// Neither half of a compound key is unique on its own (u1 has two enrollments, c1 two learners), and team slugs
// repeat across organisations, so only the whole key finds the right object.

internal static class LearningFederation
{
    public static IReadOnlyDictionary<string, TestSubgraph> Create()
    {
        var data = new LearningData();
        TestSubgraph[] subgraphs =
        [
            TestSubgraph.Create<CoursesSchema>("courses", data,
                typeof(CoursesQuery), typeof(CoursesEnrollmentType), typeof(CoursesTeamType), typeof(CoursesOrgType)),
            TestSubgraph.Create<ProgressSchema>("progress", data,
                typeof(ProgressQuery), typeof(ProgressEnrollmentType), typeof(ProgressTeamType), typeof(ProgressOrgType)),
        ];
        return subgraphs.ToDictionary(s => s.Name);
    }
}

public sealed class LearningData
{
    public List<Enrollment> Enrollments { get; } =
    [
        new() { UserId = "u1", CourseId = "c1", EnrolledAt = "2024-01-01", Percent = 40 },
        new() { UserId = "u1", CourseId = "c2", EnrolledAt = "2024-02-01", Percent = 100 },
        new() { UserId = "u2", CourseId = "c1", EnrolledAt = "2024-03-01", Percent = 0 },
    ];

    public List<Team> Teams { get; } =
    [
        new() { Org = new() { Id = "o1" }, Slug = "red", Name = "Acme Red", Score = 10 },
        new() { Org = new() { Id = "o2" }, Slug = "red", Name = "Globex Red", Score = 7 },
        new() { Org = new() { Id = "o1" }, Slug = "blue", Name = "Acme Blue", Score = 3 },
    ];

    public Dictionary<string, string> OrgNames { get; } = new(StringComparer.Ordinal) { ["o1"] = "Acme", ["o2"] = "Globex" };

    public Enrollment? Enrollment(Enrollment? key) =>
        Enrollments.FirstOrDefault(e => e.UserId == key?.UserId && e.CourseId == key?.CourseId);

    public Team? Team(Team? key) => Teams.FirstOrDefault(t => t.Org?.Id == key?.Org?.Id && t.Slug == key?.Slug);
}

/// <summary>An enrollment, and the representation of one: <c>{ "userId": "u1", "courseId": "c1" }</c>.</summary>
public sealed class Enrollment
{
    public string? UserId { get; set; }

    public string? CourseId { get; set; }

    public string? EnrolledAt { get; set; }

    public int Percent { get; set; }
}

/// <summary>A team, and the representation of one: <c>{ "org": { "id": "o1" }, "slug": "red" }</c>.</summary>
public sealed class Team
{
    public OrgReference? Org { get; set; }

    public string? Slug { get; set; }

    public string? Name { get; set; }

    public int Score { get; set; }
}

public sealed class OrgReference
{
    public string? Id { get; set; }
}

public sealed class CoursesSchema : Schema
{
    public CoursesSchema(IServiceProvider services, CoursesQuery query)
        : base(services)
    {
        Query = query;
    }
}

public sealed class CoursesQuery : ObjectGraphType
{
    public CoursesQuery(LearningData data)
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CoursesEnrollmentType>>>, IEnumerable<Enrollment>>("enrollments").Resolve(_ => data.Enrollments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CoursesTeamType>>>, IEnumerable<Team>>("teams").Resolve(_ => data.Teams);
    }
}

public sealed class CoursesEnrollmentType : ObjectGraphType<Enrollment>
{
    public CoursesEnrollmentType(LearningData data)
    {
        Name = "Enrollment";
        this.Key("userId courseId");
        this.ResolveReference<Enrollment>((_, key) => data.Enrollment(key));
        Field<NonNullGraphType<IdGraphType>>("userId").Resolve(context => context.Source.UserId);
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(context => context.Source.CourseId);
        Field<NonNullGraphType<StringGraphType>>("enrolledAt").Resolve(context => context.Source.EnrolledAt);
    }
}

public sealed class CoursesTeamType : ObjectGraphType<Team>
{
    public CoursesTeamType(LearningData data)
    {
        Name = "Team";
        this.Key("org { id } slug");
        this.ResolveReference<Team>((_, key) => data.Team(key));
        Field<NonNullGraphType<CoursesOrgType>, OrgReference>("org").Resolve(context => context.Source.Org);
        Field<NonNullGraphType<StringGraphType>>("slug").Resolve(context => context.Source.Slug);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(context => context.Source.Name);
    }
}

public sealed class CoursesOrgType : ObjectGraphType<OrgReference>
{
    public CoursesOrgType(LearningData data)
    {
        Name = "Org";
        this.Key("id");
        this.ResolveReference<OrgReference>((_, key) => key);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(context => data.OrgNames.GetValueOrDefault(context.Source.Id ?? ""));
    }
}

public sealed class ProgressSchema : Schema
{
    public ProgressSchema(IServiceProvider services, ProgressQuery query)
        : base(services)
    {
        Query = query;
    }
}

public sealed class ProgressQuery : ObjectGraphType
{
    public ProgressQuery(LearningData data)
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProgressEnrollmentType>>>, IEnumerable<Enrollment>>("progress").Resolve(_ => data.Enrollments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProgressTeamType>>>, IEnumerable<Team>>("leaderboard")
            .Resolve(_ => data.Teams.OrderByDescending(t => t.Score));
    }
}

public sealed class ProgressEnrollmentType : ObjectGraphType<Enrollment>
{
    public ProgressEnrollmentType(LearningData data)
    {
        Name = "Enrollment";
        this.Key("userId courseId");
        this.ResolveReference<Enrollment>((_, key) => data.Enrollment(key));
        Field<NonNullGraphType<IdGraphType>>("userId").Resolve(context => context.Source.UserId);
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(context => context.Source.CourseId);
        Field<NonNullGraphType<IntGraphType>>("percent").Resolve(context => context.Source.Percent);
    }
}

public sealed class ProgressTeamType : ObjectGraphType<Team>
{
    public ProgressTeamType(LearningData data)
    {
        Name = "Team";
        this.Key("org { id } slug");
        this.ResolveReference<Team>((_, key) => data.Team(key));
        Field<NonNullGraphType<ProgressOrgType>, OrgReference>("org").Resolve(context => context.Source.Org);
        Field<NonNullGraphType<StringGraphType>>("slug").Resolve(context => context.Source.Slug);
        Field<NonNullGraphType<IntGraphType>>("score").Resolve(context => context.Source.Score);
    }
}

public sealed class ProgressOrgType : ObjectGraphType<OrgReference>
{
    public ProgressOrgType()
    {
        Name = "Org";
        this.Key("id");
        this.ResolveReference<OrgReference>((_, key) => key);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
    }
}
