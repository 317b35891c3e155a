using Coursera.Federation.Tests.Fixtures;

namespace Coursera.Federation.Tests.Federations.Campus;

/// <summary>
/// The campus federation: programs, staff and payroll. Built for one shape the shop lacks: two implementations of
/// an interface (and members of a union) with a field of the same name listing the same entity, <c>Instructor</c>,
/// whose other fields live in two more subgraphs: staff owns it, payroll took <c>payGrade</c> over with
/// <c>@override</c> and computes <c>payout</c> with <c>@requires</c> from what programs knows. A fragment on one
/// implementation must never lend its fields, keys or requirements to the objects under the other.
/// </summary>
internal static class CampusFederation
{
    public static IReadOnlyDictionary<string, TestSubgraph> Create()
    {
        var data = new CampusData();
        TestSubgraph[] subgraphs =
        [
            TestSubgraph.Create<ProgramsSchema>("programs", data,
                typeof(ProgramsQuery), typeof(SessionType), typeof(LectureType), typeof(WorkshopType), typeof(ActivityType),
                typeof(ProgramsInstructorType)),
            TestSubgraph.Create<StaffSchema>("staff", data, typeof(StaffQuery), typeof(StaffInstructorType)),
            TestSubgraph.Create<PayrollSchema>("payroll", data, typeof(PayrollQuery), typeof(PayrollInstructorType)),
        ];
        return subgraphs.ToDictionary(s => s.Name);
    }
}
