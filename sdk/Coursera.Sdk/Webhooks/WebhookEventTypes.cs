using System.Diagnostics.CodeAnalysis;
using Coursera.Sdk.Events;

namespace Coursera.Sdk.Webhooks;

/// <summary>
/// The event types a webhook may carry and the model of each one's data. The models are generated at build time from
/// the platform's event catalog (one JSON schema per type); this map is kept by hand, and a test checks it names every
/// type of the catalog that integrators receive.
/// </summary>
public static class WebhookEventTypes
{
    /// <summary>Each event type and the model class of its data.</summary>
    public static IReadOnlyDictionary<string, Type> Models { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["course.published"] = typeof(CoursePublished),
        ["course.updated"] = typeof(CourseUpdated),
        ["course.archived"] = typeof(CourseArchived),
        ["specialization.created"] = typeof(SpecializationCreated),
        ["enrollment.created"] = typeof(EnrollmentCreated),
        ["enrollment.withdrawn"] = typeof(EnrollmentWithdrawn),
        ["enrollment.expired"] = typeof(EnrollmentExpired),
        ["enrollment.completed"] = typeof(EnrollmentCompleted),
        ["attempt.submitted"] = typeof(AttemptSubmitted),
        ["attempt.graded"] = typeof(AttemptGraded),
        ["peer_review.assigned"] = typeof(PeerReviewAssigned),
        ["grade.posted"] = typeof(GradePosted),
        ["grade.changed"] = typeof(GradeChanged),
        ["course_grade.passed"] = typeof(CourseGradePassed),
        ["entitlement.granted"] = typeof(EntitlementGranted),
        ["entitlement.revoked"] = typeof(EntitlementRevoked),
        ["certificate.issued"] = typeof(CertificateIssued),
        ["certificate.revoked"] = typeof(CertificateRevoked),
        ["program.membership.created"] = typeof(ProgramMembershipCreated),
        ["program.membership.removed"] = typeof(ProgramMembershipRemoved),
        ["licence.updated"] = typeof(LicenceUpdated),
        ["licence.seats_low"] = typeof(LicenceSeatsLow),
        ["learner.erased"] = typeof(LearnerErased),
        ["media.asset.ready"] = typeof(MediaAssetReady),
        ["media.asset.failed"] = typeof(MediaAssetFailed),
        ["webhook.endpoint.disabled"] = typeof(WebhookEndpointDisabled),
    }.AsReadOnly();

    /// <summary>The model of <paramref name="type"/>'s data, if this version of the SDK has one.</summary>
    /// <param name="type">An event type, e.g. <c>enrollment.completed</c>.</param>
    /// <param name="model">The model class, or null.</param>
    /// <returns>Whether there is a model.</returns>
    public static bool TryGetModel(string type, [NotNullWhen(true)] out Type? model) => Models.TryGetValue(type, out model);
}
