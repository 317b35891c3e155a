using Coursera.Learner.Model;
using Coursera.Subgraphs.UserErrors;

namespace Coursera.Learner.Enrollments;

public sealed class EnrollPayloadType() : MutationPayloadType<EnrollmentType, Enrollment>("EnrollPayload", "enrollment");

public sealed class WithdrawPayloadType() : MutationPayloadType<EnrollmentType, Enrollment>("WithdrawPayload", "enrollment");

public sealed class SwitchSessionPayloadType() : MutationPayloadType<EnrollmentType, Enrollment>("SwitchSessionPayload", "enrollment");

public sealed class GrantEntitlementPayloadType() : MutationPayloadType<EntitlementType, Entitlement>("GrantEntitlementPayload", "entitlement");
