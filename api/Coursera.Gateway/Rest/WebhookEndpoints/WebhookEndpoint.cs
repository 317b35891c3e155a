using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Coursera.Gateway.Rest.WebhookEndpoints;

/// <summary>Where the platform sends signed events (Standard Webhooks).</summary>
public sealed record WebhookEndpoint(
    Guid Id,
    Guid TenantId,
    string Url,
    [property: Description("The event types sent; empty: every type.")] IReadOnlyList<string> EventTypes,
    string? Description,
    bool Enabled,
    [property: Description("Why the platform stopped sending, e.g. after days of failures.")] string? DisabledReason,
    DateTimeOffset CreatedAt);

/// <summary>An endpoint with its signing secret, shown only in the response that made it.</summary>
public sealed record WebhookEndpointWithSecret(
    WebhookEndpoint Endpoint,
    [property: Description("whsec_…: verify each delivery's signature with it. It is shown only once.")] string Secret);

/// <summary>One delivery attempt of a message to an endpoint.</summary>
public sealed record WebhookAttempt(
    [property: Description("The message, as replay takes it (replay also takes the webhook-id header a receiver saw).")] string MessageId,
    DateTimeOffset AttemptedAt,
    int? StatusCode,
    int DurationMs,
    bool Succeeded,
    [property: Description("The first bytes of the response, or what failed.")] string? Response);

/// <summary>A new endpoint.</summary>
public sealed record CreateWebhookEndpointRequest(
    [property: Required, Description("An https URL (http only on loopback in development).")] string Url,
    [property: Description("The tenant the endpoint serves: needed by a user; an API client's own tenant when left out.")] Guid? TenantId,
    [property: Description("Event types to send; none or empty: every type.")] IReadOnlyList<string>? EventTypes,
    string? Description);

/// <summary>Changes to an endpoint: only the fields given change.</summary>
public sealed record UpdateWebhookEndpointRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Description,
    [property: Description("false stops deliveries; true resumes them.")] bool? Enabled);

/// <summary>Which messages to send again, with their original webhook-id: one by id, or every one since a time.</summary>
public sealed record ReplayWebhookMessagesRequest(
    [property: Description("A message's id from the attempts, or the webhook-id header your receiver saw.")] string? MessageId,
    [property: Description("Every message since this time (RFC 3339).")] DateTimeOffset? Since);
