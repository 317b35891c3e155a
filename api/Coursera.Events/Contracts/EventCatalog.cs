
namespace Coursera.Events.Contracts;

/// <summary>
/// The one list of event types, each with a JSON schema of its <c>data</c> (embedded beside this file, named
/// <c>{type}.schema.json</c>). A breaking change of a type's data is a new type; the webhooks documentation is
/// generated from this list.
/// </summary>
public static class EventCatalog
{
    public static IReadOnlyList<EventType> Types { get; } =
    [
        new("course.published", "A course became visible in the public catalog."),
        new("course.updated", "A public course changed: its description, instructors, sessions or outline (modules and items)."),
        new("course.archived", "A course was withdrawn from the public catalog."),
        new("specialization.created", "A partner created a specialization: its courses, in order (subscribers to the specialization are entitled to each)."),
        new("enrollment.created", "A learner enrolled in a session of a course."),
        new("enrollment.withdrawn", "A learner withdrew from a course."),
        new("enrollment.expired", "A learner's session ended before they completed the course; they may enroll again in a later session."),
        new("enrollment.completed", "A learner completed every required item of a course."),
        new("attempt.submitted", "A learner submitted an attempt at a course's assessment: a quiz (graded at once), a programming assignment (queued for its grader) or peer-graded work (out for review)."),
        new("attempt.graded", "A learner's attempt was graded: by the server (a quiz), a grading worker (a programming assignment) or peer reviews; its score and whether it passes."),
        new("peer_review.assigned", "A learner was handed a peer's submission to review against the rubric (anonymously: the author is not named)."),
        new("grade.posted", "A learner's kept grade on a graded item (quiz, assignment, peer review) changed; a pass counts towards completion."),
        new("grade.changed", "A learner's kept grade moved for a reason other than an attempt, such as a regrade after a corrected answer key: old and new score, and why."),
        new("course_grade.passed", "A learner passed every graded item of a course, for the first time: the course grade then."),
        new("entitlement.granted", "A learner may take a course on the PAID track: they paid for it (Stripe confirmed the payment), financial aid was approved, or their specialization subscription covers it (granted again with the new expiresAt at each renewal); with no courseId, every course (Coursera Plus)."),
        new("entitlement.revoked", "A learner's PAID entitlement ended (a refund, a dispute, or a subscription cancelled or unpaid): their enrollment continues on the AUDIT track, progress kept; revokesCertificate when a lost dispute also takes back the certificate."),
        new("certificate.issued", "A certificate was issued for a completed PAID or ENTERPRISE enrollment."),
        new("certificate.revoked", "A certificate was revoked; verifying it now says so."),
        new("program.membership.created", "A learner was added to an organization's program (by user id, email or external id)."),
        new("program.membership.removed", "A learner was taken out of an organization's program: their licence seat comes back unless another program needs it."),
        new("licence.updated", "An organization's enterprise licence was sold or changed: seats, dates and the programs it covers, as it now is."),
        new("licence.seats_low", "90 % or more of an enterprise licence's seats are taken (sent once on the way up): time to buy more."),
        new("learner.erased", "A learner's account was erased: sent to each partner and organization the learner was enrolled with, so that they erase it too."),
        new("personal_data.export_requested", "Internal: a person asked for everything the platform holds about them; each service adds its part."),
        new("personal_data.erasure_requested", "Internal: a person's account is being erased; each service removes or pseudonymises what it holds about them."),
        new("personal_data.account_erased", "Internal: identity erased the account; carries a hash of the former email, for invitations sent to it."),
        new("personal_data.export_part", "Internal: a service added its part to a personal data export (the part itself stays out of the stream)."),
        new("media.asset.ready", "A partner's uploaded video was transcoded: its ladder, HLS and DASH manifests and poster are stored, and lectures may play it."),
        new("media.asset.failed", "A partner's uploaded video could not be used: not a video (INVALID_MEDIA), not the size announced, or transcoding failed on every try."),
        new("webhook.endpoint.disabled", "The platform disabled one of the tenant's webhook endpoints (410 Gone, or failing for five days)."),
    ];

    internal static string ReadSchema(string type)
    {
        var assembly = typeof(EventCatalog).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith($".{type}.schema.json", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No JSON schema is embedded for event type {type}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>An event type: its dotted name, what it means, and the JSON schema of its data.</summary>
public sealed record EventType(string Name, string Description)
{
    public string Schema => EventCatalog.ReadSchema(Name);
}
