using System.Text;
using System.Text.RegularExpressions;
using Coursera.Media.Assets;
using Coursera.Media.Data;
using Coursera.Media.Model;
using Coursera.Media.Storage;
using Coursera.Media.Transcoding;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Media.Captions;

/// <summary>
/// WebVTT captions per language: stored beside the manifests, and named in both (on a READY asset at once, on one
/// still processing when its transcoding finishes).
/// </summary>
public sealed partial class CaptionUploads(IDbContextFactory<MediaDbContext> contexts, IObjectStorage storage)
{
    public const string InvalidLanguage = "INVALID_LANGUAGE";
    public const string InvalidLabel = "INVALID_LABEL";
    public const string InvalidWebVtt = "INVALID_WEBVTT";
    public const int MaxBytes = 1024 * 1024;

    public async Task<MutationPayload<Asset>> UploadAsync(UploadCaptionInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = Ids.Parse(input.AssetId, "input.assetId");
        if (!Language().IsMatch(input.Language))
        {
            return MutationPayload<Asset>.Refused(UserError.For(InvalidLanguage, "A language is a BCP 47 tag such as en or pt-BR.", "language"));
        }

        var label = input.Label.Trim();
        if (label.Length is 0 or > 50)
        {
            return MutationPayload<Asset>.Refused(UserError.For(InvalidLabel, "A label has 1 to 50 characters.", "label"));
        }

        // The WebVTT signature, optionally after a byte order mark, then a space, tab or line end.
        var text = input.WebVtt.TrimStart('\uFEFF');
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes || !text.StartsWith("WEBVTT", StringComparison.Ordinal)
            || (text.Length > 6 && text[6] is not (' ' or '\t' or '\n' or '\r')))
        {
            return MutationPayload<Asset>.Refused(UserError.For(InvalidWebVtt, "Captions are a WebVTT file (it starts with WEBVTT) of at most 1 MB.", "webVtt"));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var asset = await db.Assets.FromSql($"SELECT * FROM media.assets WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (asset is null || !AssetAccess.CanManage(caller, asset.PartnerId))
        {
            AssetAccess.Ensure(caller, asset?.PartnerId ?? Guid.Empty);
            return MutationPayload<Asset>.Refused(UserError.For(Uploads.Uploads.AssetNotFound, "No video you may manage has this id.", "assetId"));
        }

        var caption = new Caption(input.Language, label);
        var folder = Directory.CreateTempSubdirectory("coursera-captions").FullName;
        try
        {
            var file = Path.Combine(folder, "captions.vtt");
            await File.WriteAllTextAsync(file, text, cancellationToken);
            await storage.UploadFileAsync(asset.OutputPrefix + CaptionedManifests.FileOf(caption.Language), file, ContentTypes.Of(file), cancellationToken);
            asset.Captions = [.. asset.Captions.Where(c => c.Language != caption.Language), caption];
            asset.Captions.Sort((a, b) => string.CompareOrdinal(a.Language, b.Language));
            if (asset.State == AssetState.Ready)
            {
                foreach (var manifest in (string[])[LadderEncoder.HlsMaster, LadderEncoder.DashManifest])
                {
                    await storage.DownloadToFileAsync(TranscodingWorker.WorkKeyOf(asset.Id, manifest), Path.Combine(folder, manifest), cancellationToken);
                }

                await TranscodingWorker.WriteManifestsAsync(storage, asset.Id, folder, asset.Captions, asset.DurationSeconds ?? 0, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return MutationPayload<Asset>.Changed(asset);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")]
    private static partial Regex Language();
}
