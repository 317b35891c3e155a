using Coursera.Learner.Model;
using GraphQL.Types;

namespace Coursera.Learner.Enrollments;

public sealed class EnrollmentTrackType : EnumerationGraphType<EnrollmentTrack>
{
    public EnrollmentTrackType() => Name = "EnrollmentTrack";
}

public sealed class EnrollmentStateType : EnumerationGraphType<EnrollmentState>
{
    public EnrollmentStateType() => Name = "EnrollmentState";
}
