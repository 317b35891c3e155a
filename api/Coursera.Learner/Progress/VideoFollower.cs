using System.Text.Json;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Learner.Data;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Learner.Progress;

/// <summary>Keeps the length of every READY video (<c>media.asset.ready</c>), which VIDEO_POSITION reports are measured against.</summary>
public sealed class VideoFollower(ServiceStore<LearnerDbContext> store) : IEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type is "media.asset.ready";

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var data = envelope.Data.Deserialize<AssetData>(Json) ?? throw new JsonException($"Event {envelope.Id} has no asset data.");
        if (data.DurationSeconds is not > 0)
        {
            return;
        }

        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        var known = await db.VideoLengths.SingleOrDefaultAsync(v => v.AssetId == data.AssetId, cancellationToken);
        if (known is null)
        {
            db.VideoLengths.Add(new VideoLength { AssetId = data.AssetId, DurationSeconds = data.DurationSeconds.Value });
        }
        else
        {
            known.DurationSeconds = data.DurationSeconds.Value;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record AssetData(Guid AssetId, double? DurationSeconds);
}
