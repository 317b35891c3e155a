namespace Coursera.Webhooks.Model;

/// <summary>One HTTP attempt to deliver a message: what came back and how long it took.</summary>
public sealed class DeliveryAttempt
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid MessageId { get; init; }

    public required Guid EndpointId { get; init; }

    public required DateTime AttemptedAt { get; init; }

    public int? StatusCode { get; init; }

    public required int DurationMs { get; init; }

    public required bool Succeeded { get; init; }

    /// <summary>The first bytes of the response, or what went wrong before there was one.</summary>
    public string? Response { get; init; }
}
