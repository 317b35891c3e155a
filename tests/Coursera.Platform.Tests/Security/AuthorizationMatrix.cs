using static Coursera.Platform.Tests.Security.AccessRule;

namespace Coursera.Platform.Tests.Security;

/// <summary>
/// Who may call each root field of the public GraphQL API: the intended policy, one line per field. A field of the
/// schema without a line here, or a line for a field that is gone, fails <c>AuthorizationMatrixTests</c>: a new field
/// needs its rule before it ships. The rules are what the services mean to enforce, not what they happen to do; where
/// they do not yet, the row is listed in <see cref="KnownFailures"/> with the review's finding.
/// </summary>
public static class AuthorizationMatrix
{
    private const string CatalogWrite = "catalog:write";
    private const string EnrollmentsWrite = "enrollments:write";
    private const string ReportsRead = "reports:read";
    private const string BillingRead = "billing:read";
    private const string WebhooksManage = "webhooks:manage";
    private const string GradingWork = "grading:work";
    private const string MediaPlayback = "media:playback";
    private const string PersonalData = "personal_data";

    public static IReadOnlyDictionary<string, AccessRule> Rules { get; } = new Dictionary<string, AccessRule>
    {
        // The public catalog and certificate checks: anyone.
        ["Query.course"] = Public,
        ["Query.courseBySlug"] = Public,
        ["Query.courses"] = Public,
        ["Query.partner"] = Public,
        ["Query.partners"] = Public,
        ["Query.specialization"] = Public,
        ["Query.specializations"] = Public,
        ["Query.certificate"] = Public,

        // A person's own things: never an API client's, nobody else's.
        ["Query.viewer"] = SignedIn().OrNull(),
        ["Query.dataExport"] = SignedIn(PersonalData).OrNull(),
        ["Query.attempt"] = SignedIn().OrNull(),
        ["Query.viewerOrders"] = SignedIn(),
        ["Query.viewerSubscriptions"] = SignedIn(),
        ["Query.viewerFinancialAidApplications"] = SignedIn(),

        // Tenants and their administration (identity): administrators through Coursera's own apps, never API clients.
        ["Query.tenant"] = TenantAdmin.OrNull(),
        ["Query.auditLog"] = PlatformAdmins,
        ["Mutation.inviteUser"] = TenantAdmin,
        ["Mutation.assignRole"] = TenantAdmin,
        ["Mutation.removeRole"] = TenantAdmin,
        ["Mutation.createApiClient"] = TenantAdmin,
        ["Mutation.rotateApiClientSecret"] = TenantAdmin,
        ["Mutation.revokeApiClient"] = TenantAdmin,

        // One's own account security.
        ["Mutation.beginTotpEnrollment"] = SignedIn(),
        ["Mutation.confirmTotpEnrollment"] = SignedIn(),
        ["Mutation.disableTwoFactor"] = SignedIn(),
        ["Mutation.regenerateRecoveryCodes"] = SignedIn(),
        ["Mutation.acceptTenantInvitation"] = SignedIn(),
        ["Mutation.declineTenantInvitation"] = SignedIn(),

        // A tenant's webhooks: its administrators and its API clients, with webhooks:manage.
        ["Query.webhookEndpoints"] = OrganizationStaff(WebhooksManage),
        ["Mutation.createWebhookEndpoint"] = OrganizationStaff(WebhooksManage),
        ["Mutation.updateWebhookEndpoint"] = OrganizationStaff(WebhooksManage),
        ["Mutation.deleteWebhookEndpoint"] = OrganizationStaff(WebhooksManage),
        ["Mutation.rotateWebhookSecret"] = OrganizationStaff(WebhooksManage),
        ["Mutation.replayWebhookMessages"] = OrganizationStaff(WebhooksManage),
        ["Mutation.sendTestWebhook"] = OrganizationStaff(WebhooksManage),

        // An organization's programs, enrollments and reports.
        ["Query.program"] = OrganizationStaff(EnrollmentsWrite).OrNull(),
        ["Query.programs"] = OrganizationStaff(EnrollmentsWrite),
        ["Query.bulkEnrollmentJob"] = OrganizationStaff(EnrollmentsWrite).OrNull(),
        ["Query.learningRecords"] = OrganizationStaff(ReportsRead),
        ["Query.organizationLicences"] = OrganizationStaff(BillingRead),
        ["Mutation.createProgram"] = OrganizationStaff(EnrollmentsWrite),

        // A program is not found by those who may not see it, anonymous callers too: its id tells them nothing (RestAccessTests).
        ["Mutation.addProgramMembers"] = OrganizationStaff(EnrollmentsWrite).OrNull(),
        ["Mutation.removeProgramMembers"] = OrganizationStaff(EnrollmentsWrite).OrNull(),
        ["Mutation.bulkEnroll"] = OrganizationStaff(EnrollmentsWrite).OrNull(),

        // A partner's courses, assessments and videos: its staff and API clients with catalog:write.
        ["Mutation.createCourse"] = PartnerStaff(CatalogWrite),
        ["Mutation.updateCourse"] = PartnerStaff(CatalogWrite),
        ["Mutation.publishCourse"] = PartnerStaff(CatalogWrite),
        ["Mutation.archiveCourse"] = PartnerStaff(CatalogWrite),
        ["Mutation.addModule"] = PartnerStaff(CatalogWrite),
        ["Mutation.moveModule"] = PartnerStaff(CatalogWrite),
        ["Mutation.removeModule"] = PartnerStaff(CatalogWrite),
        ["Mutation.addItem"] = PartnerStaff(CatalogWrite),
        ["Mutation.moveItem"] = PartnerStaff(CatalogWrite),
        ["Mutation.updateItem"] = PartnerStaff(CatalogWrite),
        ["Mutation.removeItem"] = PartnerStaff(CatalogWrite),
        ["Mutation.createSpecialization"] = PartnerStaff(CatalogWrite),
        ["Mutation.createCourseSession"] = PartnerStaff(CatalogWrite),
        ["Mutation.createAssessment"] = PartnerStaff(CatalogWrite),
        ["Mutation.updateAssessment"] = PartnerStaff(CatalogWrite),
        ["Mutation.publishAssessment"] = PartnerStaff(CatalogWrite),
        ["Mutation.regradeAssessment"] = PartnerStaff(CatalogWrite),
        ["Mutation.grantExtraAttempts"] = PartnerStaff(CatalogWrite),
        ["Mutation.grantExtension"] = PartnerStaff(CatalogWrite),
        ["Mutation.setGradeGroup"] = PartnerStaff(CatalogWrite),
        ["Mutation.reviewSubmission"] = PartnerStaff(CatalogWrite),
        ["Query.asset"] = PartnerStaff(CatalogWrite).OrNull(),
        ["Query.assets"] = PartnerStaff(CatalogWrite),
        ["Mutation.createUpload"] = PartnerStaff(CatalogWrite),
        ["Mutation.completeUpload"] = PartnerStaff(CatalogWrite),
        ["Mutation.uploadCaption"] = PartnerStaff(CatalogWrite),

        // Watching a lecture: learners enrolled in the course, and the partner's staff and API clients with media:playback.
        // The matrix's lecture has no video, which answers null to everyone: the row shows that nobody is refused wrongly.
        ["Query.playback"] = PartnerStaff(MediaPlayback).OrNull(),

        // Decisions a partner's administrators take about their courses, beside platform administrators.
        ["Mutation.revokeCertificate"] = PartnerAdmin().OrNull(), // codes are printed on certificates: an unknown one is not found for anyone
        ["Mutation.reviewFinancialAid"] = PartnerAdmin(),
        ["Query.financialAidQueue"] = PartnerAdmin(),
        ["Query.partnerRevenue"] = PartnerAdmin(BillingRead),

        // Learning, as the learner: with a token the learner let enroll them.
        ["Mutation.enroll"] = SignedIn(EnrollmentsWrite),
        ["Mutation.withdraw"] = SignedIn(EnrollmentsWrite),
        ["Mutation.switchSession"] = SignedIn(EnrollmentsWrite),
        ["Mutation.recordProgress"] = SignedIn(EnrollmentsWrite),
        ["Mutation.startAttempt"] = SignedIn(EnrollmentsWrite),
        ["Mutation.saveAnswers"] = SignedIn(EnrollmentsWrite),
        ["Mutation.submitAttempt"] = SignedIn(EnrollmentsWrite),
        ["Mutation.resetSchedule"] = SignedIn(EnrollmentsWrite),
        ["Mutation.requestPeerReview"] = SignedIn(EnrollmentsWrite),
        ["Mutation.submitPeerReview"] = SignedIn(EnrollmentsWrite),
        ["Mutation.acceptProgramInvitations"] = SignedIn("email"), // invitations are found by the email the token carries

        // Personal data: one's own, through Coursera's own apps.
        ["Mutation.requestDataExport"] = SignedIn(PersonalData),

        // Buying and asking for aid: one's own orders.
        ["Mutation.startCheckout"] = SignedIn(),
        ["Mutation.startSubscription"] = SignedIn(),
        ["Mutation.cancelSubscription"] = SignedIn(),
        ["Mutation.requestRefund"] = SignedIn(),
        ["Mutation.applyForFinancialAid"] = SignedIn(),

        // Platform administration: money, entitlements, other people's accounts.
        ["Mutation.eraseAccount"] = PlatformAdmins with { Scope = PersonalData }, // erasing someone else's account; one's own is PersonalDataTests'
        ["Mutation.grantEntitlement"] = PlatformAdmins,
        ["Query.refundRequests"] = PlatformAdmins,
        ["Query.billingAuditTrail"] = PlatformAdmins,
        ["Mutation.createOffer"] = PlatformAdmins,
        ["Mutation.refundOrder"] = PlatformAdmins,
        ["Mutation.declineRefund"] = PlatformAdmins,
        ["Mutation.createLicence"] = PlatformAdmins,
        ["Mutation.updateLicence"] = PlatformAdmins,
        ["Mutation.setPartnerShare"] = PlatformAdmins,

        // Grading workers: machines with grading:work, no person.
        ["Mutation.leaseGradingJob"] = ApiClients(GradingWork),
        ["Mutation.completeGradingJob"] = ApiClients(GradingWork),
        ["Mutation.failGradingJob"] = ApiClients(GradingWork),
    };

    /// <summary>
    /// Rows that do not hold yet, each with the finding of the security review (../shared/reviews/security-review.md)
    /// whose fix makes it hold. The suite reports them apart; a row listed here that starts to hold fails the suite, so
    /// that the list only shrinks.
    /// </summary>
    public static IReadOnlyDictionary<(string Field, MatrixCaller Caller), string> KnownFailures { get; } =
        new Dictionary<(string, MatrixCaller), string>
        {
            // F6: the assessment service ignores the scopes of user tokens (the learner service checks them now).
            [("Mutation.resetSchedule", MatrixCaller.LearnerWithoutScope)] = "F6",

            // Found by the matrix (no finding of the review): anonymous callers are not told to sign in. Nothing leaks.
            [("Mutation.eraseAccount", MatrixCaller.Anonymous)] = AnonymousToldForbidden,
            [("Mutation.grantEntitlement", MatrixCaller.Anonymous)] = AnonymousToldForbidden,
            [("Query.viewerOrders", MatrixCaller.Anonymous)] = AnonymousGetsEmptyList,
            [("Query.viewerSubscriptions", MatrixCaller.Anonymous)] = AnonymousGetsEmptyList,
            [("Query.viewerFinancialAidApplications", MatrixCaller.Anonymous)] = AnonymousGetsEmptyList,
            [("Query.financialAidQueue", MatrixCaller.Anonymous)] = AnonymousGetsEmptyList,
        };

    private const string AnonymousToldForbidden = "MATRIX-1 anonymous gets FORBIDDEN instead of UNAUTHENTICATED";

    private const string AnonymousGetsEmptyList = "MATRIX-2 anonymous gets an empty list instead of UNAUTHENTICATED";
}
