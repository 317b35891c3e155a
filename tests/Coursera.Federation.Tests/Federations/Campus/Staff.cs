using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Federation.Tests.Federations.Campus;

// staff:
//   type Query { instructors: [Instructor!]! }
//   type Instructor @key(fields: "id") { id: ID!  name: String!  payGrade: String! }
// payGrade moved to payroll (@override there); staff still serves a stale value.

public sealed class StaffSchema : Schema
{
    public StaffSchema(IServiceProvider services, StaffQuery query)
        : base(services)
    {
        Query = query;
    }
}

public sealed class StaffQuery : ObjectGraphType
{
    public StaffQuery(CampusData data)
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StaffInstructorType>>>, IEnumerable<CampusInstructor>>("instructors")
            .Resolve(_ => data.Instructors);
    }
}

public sealed class StaffInstructorType : ObjectGraphType<CampusInstructor>
{
    public StaffInstructorType(CampusData data)
    {
        Name = "Instructor";
        this.Key("id");
        this.ResolveReference<InstructorReference, CampusInstructor>((_, reference) => data.Instructor(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(context => context.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("payGrade").Resolve(_ => "stale");
    }
}
