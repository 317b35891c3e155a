using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Federation.Tests.Federations.Campus;

// payroll (no root fields of its own):
//   type Instructor @key(fields: "id") {
//     id: ID!  payGrade: String! @override(from: "staff")  hoursTaught: Int! @external
//     payout: Int! @requires(fields: "hoursTaught") }

public sealed class PayrollSchema : Schema
{
    public PayrollSchema(IServiceProvider services, PayrollQuery query)
        : base(services)
    {
        Query = query;
        this.RegisterType<PayrollInstructorType>();
    }
}

public sealed class PayrollQuery : ObjectGraphType
{
    public PayrollQuery()
    {
        Name = "Query";
    }
}

public sealed class PayrollInstructorType : ObjectGraphType<InstructorReference>
{
    public PayrollInstructorType(CampusData data)
    {
        Name = "Instructor";
        this.Key("id");
        this.ResolveReference<InstructorReference>((_, reference) => reference);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("payGrade").Override("staff")
            .Resolve(context => data.Instructor(context.Source.Id)?.PayGrade);
        Field<NonNullGraphType<IntGraphType>>("hoursTaught").External().Resolve(context => context.Source.HoursTaught);
        // Only computable from what the representation brings: a missing requirement is a loud error, not a guess.
        Field<NonNullGraphType<IntGraphType>>("payout")
            .Requires("hoursTaught")
            .Resolve(context => context.Source.HoursTaught is { } hours
                ? CampusData.Payout(hours)
                : throw new ExecutionError("payout needs hoursTaught in the representation.") { Code = "REQUIRES_MISSING" });
    }
}
