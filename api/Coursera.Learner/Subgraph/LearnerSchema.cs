using Coursera.Learner.Enrollments;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Learner.Subgraph;

/// <summary>
/// The learner subgraph: enrollments, progress and certificates; it adds fields to the catalog's <c>Course</c> and
/// <c>Item</c> and to the identity subgraph's <c>User</c>.
/// </summary>
public sealed class LearnerSchema : Schema
{
    public LearnerSchema(IServiceProvider services, LearnerQuery query, LearnerMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;

        // Entities reached only through _entities: registered so the gateway can resolve them here.
        RegisterType(typeof(UserEnrollmentsType));
        RegisterType(typeof(Licences.LicenceSeatsType));

        // Inputs nested in other inputs (the top-level ones are registered by their fields).
        this.RegisterTypeMapping<Programs.ProgramMemberInput, AutoRegisteringInputObjectGraphType<Programs.ProgramMemberInput>>();
        this.RegisterTypeMapping<Programs.BulkEnrollmentRowInput, AutoRegisteringInputObjectGraphType<Programs.BulkEnrollmentRowInput>>();
    }
}
