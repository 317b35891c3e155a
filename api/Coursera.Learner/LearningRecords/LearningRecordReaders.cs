using Coursera.Learner.Programs;
using Coursera.ServiceDefaults.Authentication;

namespace Coursera.Learner.LearningRecords;

/// <summary>
/// Who pulls an organization's learning records: its administrators, its API clients with <c>reports:read</c> (its
/// learning system), platform administrators; the rule of the organization's grades in the assessment service. Not its
/// learners, not another organization's staff, not a client that may only enroll.
/// </summary>
public static class LearningRecordReaders
{
    public const string Scope = "reports:read";

    public static void Ensure(Caller caller, Guid organizationId) =>
        ProgramAccess.EnsureStaff(caller, organizationId, Scope, "Sign in to read your organization's learning records.",
            "Only the organization's administrators and its API clients with reports:read read its learning records.");
}
