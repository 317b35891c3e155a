using Coursera.Events.Outbox;
using Coursera.Media.Assets;
using Coursera.Media.Data;
using Coursera.Media.Model;
using Coursera.Media.Storage;
using Coursera.Media.Transcoding;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Uploads;

/// <summary>
/// Direct uploads: <c>createUpload</c> makes an UPLOADING asset and hands out the storage's upload URLs (the bytes never
/// pass through this service); <c>completeUpload</c> joins the parts, checks the size, and queues the transcoding.
/// </summary>
public sealed class Uploads(IDbContextFactory<MediaDbContext> contexts, IObjectStorage storage, TranscodeLeases queue, IOptions<MediaOptions> options,
    TimeProvider clock)
{
    public const string InvalidTitle = "INVALID_TITLE";
    public const string UnsupportedType = "UNSUPPORTED_TYPE";
    public const string InvalidSize = "INVALID_SIZE";
    public const string AssetNotFound = "ASSET_NOT_FOUND";
    public const string NotUploading = "NOT_UPLOADING";
    public const string IncompleteUpload = "INCOMPLETE_UPLOAD";

    public async Task<MutationPayload<StartedUpload>> CreateAsync(CreateUploadInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var partnerId = Ids.Parse(input.PartnerId, "input.partnerId");
        AssetAccess.Ensure(caller, partnerId);
        var settings = options.Value.Uploads;
        var title = input.Title.Trim();
        if (title.Length is 0 or > 200)
        {
            return MutationPayload<StartedUpload>.Refused(UserError.For(InvalidTitle, "A title has 1 to 200 characters.", "title"));
        }

        if (!settings.ContentTypes.Contains(input.ContentType, StringComparer.OrdinalIgnoreCase))
        {
            return MutationPayload<StartedUpload>.Refused(UserError.For(UnsupportedType,
                $"A video is uploaded as one of: {string.Join(", ", settings.ContentTypes)}.", "contentType"));
        }

        if (input.SizeBytes < 1 || input.SizeBytes > settings.MaxBytes)
        {
            return MutationPayload<StartedUpload>.Refused(UserError.For(InvalidSize, $"A video has 1 to {settings.MaxBytes} bytes.", "sizeBytes"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var asset = new Asset
        {
            Id = Guid.CreateVersion7(),
            PartnerId = partnerId,
            Title = title,
            State = AssetState.Uploading,
            ContentType = input.ContentType.ToLowerInvariant(),
            SizeBytes = input.SizeBytes,
            CreatedBy = caller.Subject ?? "",
            CreatedAt = now,
        };
        var expiresAt = now + settings.UrlLifetime;
        var target = await storage.BeginUploadAsync(asset.SourceKey, asset.ContentType, asset.SizeBytes, expiresAt, cancellationToken);
        asset.UploadId = target.UploadId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Assets.Add(asset);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<StartedUpload>.Changed(new StartedUpload(asset, target, expiresAt));
    }

    /// <summary>
    /// Finishes an upload. Completing an asset already past UPLOADING returns it unchanged, so a client that lost the
    /// answer may ask again. A stored source of another size than announced fails the asset (its bytes are removed).
    /// </summary>
    public async Task<MutationPayload<Asset>> CompleteAsync(CompleteUploadInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        var id = Ids.Parse(input.AssetId, "input.assetId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var asset = await db.Assets.FromSql($"SELECT * FROM media.assets WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (asset is null || !AssetAccess.CanManage(caller, asset.PartnerId))
        {
            AssetAccess.Ensure(caller, asset?.PartnerId ?? Guid.Empty);
            return MutationPayload<Asset>.Refused(UserError.For(AssetNotFound, "No video you may manage has this id.", "assetId"));
        }

        if (asset.State is AssetState.Processing or AssetState.Ready)
        {
            return MutationPayload<Asset>.Changed(asset);
        }

        if (asset.State != AssetState.Uploading)
        {
            return MutationPayload<Asset>.Refused(UserError.For(NotUploading, "The video failed; upload it again as a new one.", "assetId"));
        }

        try
        {
            await storage.CompleteUploadAsync(asset.SourceKey, asset.UploadId, asset.SizeBytes, cancellationToken);
        }
        catch (IncompleteUploadException e)
        {
            return MutationPayload<Asset>.Refused(UserError.For(IncompleteUpload, e.Message, "assetId"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var size = await storage.SizeAsync(asset.SourceKey, cancellationToken);
        asset.UploadId = null;
        if (size != asset.SizeBytes)
        {
            await storage.DeletePrefixAsync(asset.SourceKey, cancellationToken);
            asset.State = AssetState.Failed;
            asset.Error = $"SIZE_MISMATCH: {size ?? 0} bytes were uploaded where {asset.SizeBytes} were announced.";
            db.Publish(AssetEvents.For(AssetEvents.Failed, asset, now));
        }
        else
        {
            asset.State = AssetState.Processing;
            TranscodeLeases.Enqueue(db, asset, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        queue.Signal();
        return MutationPayload<Asset>.Changed(asset);
    }
}
