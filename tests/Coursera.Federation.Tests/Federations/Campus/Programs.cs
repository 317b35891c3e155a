using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Federation.Tests.Federations.Campus;

// programs:
//   type Query { sessions: [Session!]!  agenda: [Activity!]! }
//   interface Session { id: ID!  title: String! }
//   type Lecture implements Session { id: ID!  title: String!  instructors: [Instructor!]! @provides(fields: "name")
//                                     rota: [[Instructor!]!]! }
//   type Workshop implements Session { id: ID!  title: String!  instructors: [Instructor!]!  rota: [[Instructor!]!]! }
//   union Activity = Lecture | Workshop
//   type Instructor @key(fields: "id") { id: ID!  hoursTaught: Int!  name: String! @external }
// Lecture and Workshop both have instructors and rota: one response name, one entity type, one response path
// for objects of two different parents.

public sealed class ProgramsSchema : Schema
{
    public ProgramsSchema(IServiceProvider services, ProgramsQuery query)
        : base(services)
    {
        Query = query;
        this.RegisterType<LectureType>();
        this.RegisterType<WorkshopType>();
    }
}

public sealed class ProgramsQuery : ObjectGraphType
{
    public ProgramsQuery(CampusData data)
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SessionType>>>, IEnumerable<CampusSession>>("sessions").Resolve(_ => data.Sessions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActivityType>>>, IEnumerable<CampusSession>>("agenda").Resolve(_ => data.Agenda);
    }
}

public sealed class SessionType : InterfaceGraphType
{
    public SessionType()
    {
        Name = "Session";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("title");
    }
}

public sealed class LectureType : ObjectGraphType<CampusSession>
{
    public LectureType(CampusData data)
    {
        Name = "Lecture";
        Interface<SessionType>();
        IsTypeOf = o => o is CampusSession { Kind: SessionKind.Lecture };
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(context => context.Source.Title);
        // Programs keeps a copy of a lecturer's name (printed on the timetable), and says so with @provides.
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProgramsInstructorType>>>, IEnumerable<CampusInstructor>>("instructors")
            .Provides("name")
            .Resolve(context => context.Source.InstructorIds.Select(id => data.Instructor(id)!));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ListGraphType<NonNullGraphType<ProgramsInstructorType>>>>>, IEnumerable<IEnumerable<CampusInstructor>>>("rota")
            .Resolve(context => context.Source.Rota.Select(week => week.Select(id => data.Instructor(id)!)));
    }
}

public sealed class WorkshopType : ObjectGraphType<CampusSession>
{
    public WorkshopType(CampusData data)
    {
        Name = "Workshop";
        Interface<SessionType>();
        IsTypeOf = o => o is CampusSession { Kind: SessionKind.Workshop };
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(context => context.Source.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProgramsInstructorType>>>, IEnumerable<CampusInstructor>>("instructors")
            .Resolve(context => context.Source.InstructorIds.Select(id => data.Instructor(id)!));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ListGraphType<NonNullGraphType<ProgramsInstructorType>>>>>, IEnumerable<IEnumerable<CampusInstructor>>>("rota")
            .Resolve(context => context.Source.Rota.Select(week => week.Select(id => data.Instructor(id)!)));
    }
}

public sealed class ActivityType : UnionGraphType
{
    public ActivityType()
    {
        Name = "Activity";
        Type<LectureType>();
        Type<WorkshopType>();
    }
}

public sealed class ProgramsInstructorType : ObjectGraphType<CampusInstructor>
{
    public ProgramsInstructorType(CampusData data)
    {
        Name = "Instructor";
        this.Key("id");
        this.ResolveReference<InstructorReference, CampusInstructor>((_, reference) => data.Instructor(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<IntGraphType>>("hoursTaught").Resolve(context => context.Source.HoursTaught);
        Field<NonNullGraphType<StringGraphType>>("name").External().Resolve(context => context.Source.Name);
    }
}

/// <summary>The representation of an instructor; payroll's also carries what <c>payout</c> requires.</summary>
public sealed class InstructorReference
{
    public string? Id { get; set; }

    public int? HoursTaught { get; set; }
}
