using System.Text.Json;
using System.Text.Json.Serialization;
using Coursera.Sdk.Events;
using Coursera.Sdk.Webhooks;

namespace WebhookReceiver;

/// <summary>One line on what a message says, from its type's model in the SDK (<c>enrollment.completed</c> is <see cref="EnrollmentCompleted"/>).</summary>
public static class EventSummary
{
    // As the SDK reads event data: web defaults, enum values by name.
    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Of(InboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);

        // The stored data, not the verified WebhookEvent: a message handled after a restart has only what the inbox kept.
        var data = WebhookEventTypes.TryGetModel(message.Type, out var model) ? message.Data.Deserialize(model, DataJson) : null;
        return data switch
        {
            EnrollmentCreated e => $"learner {e.LearnerId} enrolled in course {e.CourseId} ({e.Track})",
            EnrollmentCompleted e => $"learner {e.LearnerId} completed course {e.CourseId}",
            EnrollmentWithdrawn e => $"learner {e.LearnerId} withdrew from course {e.CourseId}",
            CertificateIssued e => $"certificate {e.Code} issued to learner {e.LearnerId} for course {e.CourseId}",
            CourseGradePassed e => $"learner {e.LearnerId} passed course {e.CourseId} with {e.Score:P0}",
            ProgramMembershipCreated e => $"{e.ExternalId ?? e.UserId?.ToString() ?? "someone"} joined program {e.ProgramId}",
            LearnerErased e => $"learner {e.LearnerId} was erased: delete what you hold about them",
            null when message.Type == "webhook.test" => "a test from the platform: the endpoint works",
            null => $"no model in this SDK version for {message.Type}",
            _ => message.Type,
        };
    }
}
