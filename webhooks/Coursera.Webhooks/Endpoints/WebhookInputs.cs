using GraphQL;

namespace Coursera.Webhooks.Endpoints;

public sealed class CreateWebhookEndpointInput
{
    /// <summary>The tenant; an API client may leave it out.</summary>
    [Id] public string? TenantId { get; set; }
    public required string Url { get; set; }
    public List<string>? EventTypes { get; set; }
    public string? Description { get; set; }
}

/// <summary>Only the fields given change; <c>enabled: true</c> switches a disabled endpoint back on.</summary>
public sealed class UpdateWebhookEndpointInput
{
    [Id] public required string EndpointId { get; set; }
    public string? Url { get; set; }
    public List<string>? EventTypes { get; set; }
    public string? Description { get; set; }
    public bool? Enabled { get; set; }
}

public sealed class WebhookEndpointInput
{
    [Id] public required string EndpointId { get; set; }
}

/// <summary>One message again (<c>messageId</c>), or every message of the endpoint since a time.</summary>
public sealed class ReplayWebhookMessagesInput
{
    [Id] public required string EndpointId { get; set; }
    [Id] public string? MessageId { get; set; }
    public DateTime? Since { get; set; }
}
