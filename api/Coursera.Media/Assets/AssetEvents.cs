using Coursera.Events;
using Coursera.Media.Model;

namespace Coursera.Media.Assets;

/// <summary>
/// The media service's events (<c>media.asset.ready</c>, <c>media.asset.failed</c>; schemas in the event catalog),
/// written to its outbox with the change and delivered as webhooks to the owning partner.
/// </summary>
public static class AssetEvents
{
    public const string Source = "media";
    public const string Ready = "media.asset.ready";
    public const string Failed = "media.asset.failed";

    public static EventEnvelope For(string type, Asset asset, DateTime occurredAt)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return EventEnvelope.Create(type, Source, asset.Id.ToString(),
            new AssetEventData(asset.Id, asset.PartnerId, asset.Title, asset.State.ToString().ToUpperInvariant(), asset.DurationSeconds,
                [.. asset.Renditions.Select(r => r.Name)], [.. asset.Captions.Select(c => c.Language)], asset.Error),
            occurredAt, partnerId: asset.PartnerId);
    }
}

/// <summary>The data of the asset events.</summary>
public sealed record AssetEventData(Guid AssetId, Guid PartnerId, string Title, string State, double? DurationSeconds,
    IReadOnlyList<string> Renditions, IReadOnlyList<string> Captions, string? Error);
