using Coursera.Learner.Certificates;
using Coursera.Learner.Enrollments;
using Coursera.Learner.PersonalData;
using Coursera.Learner.Programs;
using Coursera.Learner.Progress;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Learner.Subgraph;

/// <summary>A learner's own enrollments and progress, and what administrators grant and revoke: <c>verbNoun(input): VerbNounPayload!</c>.</summary>
public sealed class LearnerMutation : ObjectGraphType
{
    public LearnerMutation()
    {
        Name = "Mutation";
        this.Mutation<EnrollPayloadType, EnrollInput, Registrar>("enroll",
            "Enrolls the signed-in learner in a session of a public course whose enrollment window is open. PAID needs an entitlement; ENTERPRISE an organization.",
            async (s, i, c, ct) => await s.EnrollAsync(i, c, ct));
        this.Mutation<WithdrawPayloadType, WithdrawInput, Registrar>("withdraw", "Withdraws from an active enrollment; a PAID entitlement becomes free again.",
            async (s, i, c, ct) => await s.WithdrawAsync(i, c, ct));
        this.Mutation<SwitchSessionPayloadType, SwitchSessionInput, Registrar>("switchSession", "Moves an active enrollment, with its progress, to another open session.",
            async (s, i, c, ct) => await s.SwitchSessionAsync(i, c, ct));
        this.Mutation<RecordProgressPayloadType, RecordProgressInput, ProgressRecorder>("recordProgress",
            "Records that the signed-in learner started or completed an item, or how far into its video they are. Completing the last required item completes the enrollment.",
            async (s, i, c, ct) => await s.RecordAsync(i, c, ct));
        this.Mutation<GrantEntitlementPayloadType, GrantEntitlementInput, Registrar>("grantEntitlement",
            "Grants a learner the PAID track of a course (platform administrators; billing will grant them on payment).",
            async (s, i, c, ct) => await s.GrantEntitlementAsync(i, c, ct));
        this.Mutation<RevokeCertificatePayloadType, RevokeCertificateInput, CertificateIssuer>("revokeCertificate",
            "Revokes a certificate (platform administrators and the partner's administrators); checking it then says so.",
            async (s, i, c, ct) => await s.RevokeAsync(i, c, ct));
        this.Mutation<CreateProgramPayloadType, CreateProgramInput, ProgramAdministration>("createProgram",
            "Creates an organization's program of public courses (its administrators and API clients with enrollments:write).",
            async (s, i, c, ct) => await s.CreateAsync(i, c, ct));
        this.Mutation<AddProgramMembersPayloadType, AddProgramMembersInput, ProgramAdministration>("addProgramMembers",
            "Adds learners to a program by user id, email or external id; members already there are left as they are.",
            async (s, i, c, ct) => await s.AddMembersAsync(i, c, ct));
        this.Mutation<RemoveProgramMembersPayloadType, RemoveProgramMembersInput, ProgramAdministration>("removeProgramMembers",
            "Takes members out of a program (by user id, email or external id): their licence seat comes back, and ENTERPRISE enrollments no program of theirs covers go on on the AUDIT track, progress kept.",
            async (s, i, c, ct) => await s.RemoveMembersAsync(i, c, ct));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProgramType>>>>("acceptProgramInvitations")
            .Description("Joins the programs that invited your email (sign in with the 'email' scope); returns them.")
            .ResolveAsync(async c => await c.Service<ProgramAdministration>().AcceptInvitationsAsync(c.Caller(), c.CancellationToken));
        this.Mutation<BulkEnrollPayloadType, BulkEnrollInput, BulkEnrollment>("bulkEnroll",
            "Enrolls up to 10,000 learners in the program's courses on the ENTERPRISE track, in the background; the same idempotency key returns the same job.",
            async (s, i, c, ct) => await s.SubmitAsync(i, c, ct));
        Field<NonNullGraphType<RequestDataExportPayloadType>>("requestDataExport")
            .Description("Starts assembling everything the platform holds about you; ask for dataExport(id) until it is READY, then download it once.")
            .ResolveAsync(async c => await c.Service<DataExports>().RequestAsync(c.Caller(), c.CancellationToken));
        this.Mutation<EraseAccountPayloadType, EraseAccountInput, AccountErasure>("eraseAccount",
            "Erases your account (or, for platform administrators, someone's) in every service: personal data is removed or pseudonymised; payment records are kept without it.",
            async (s, i, c, ct) => await s.EraseAsync(i, c, ct));
    }
}
