using Coursera.Media.Captions;
using Coursera.Media.Model;
using Coursera.Media.Subgraph;
using Coursera.Media.Transcoding;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Errors;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Playback;

/// <summary>
/// Decides who may watch a lecture and issues the signed URLs: a lecture whose asset is READY and belongs to the
/// course's partner plays for learners with an active or completed enrollment in the course (any track: auditing
/// learners watch lectures too), the partner's staff and its API clients with <c>media:playback</c>, and platform
/// administrators. Anonymous callers are told to sign in, others that they may not; a lecture with nothing to play
/// answers null to everyone.
/// </summary>
public sealed class Playbacks(IEnumerable<IPlaybackSigner> signers, IOptions<MediaOptions> options, TimeProvider clock)
{
    public const string Scope = "media:playback";

    private readonly IPlaybackSigner _signer = signers.SingleOrDefault(s => s.Name == options.Value.Playback.Signer)
        ?? throw new InvalidOperationException($"Media:Playback:Signer names no signer: {options.Value.Playback.Signer} (there are {string.Join(", ", signers.Select(s => s.Name))}).");

    public async Task<Playback?> ForItemAsync(Guid itemId, Caller caller, MediaLoaders loaders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(loaders);
        var lecture = await loaders.LectureByItem.Load(itemId).GetResultAsync(cancellationToken);
        if (lecture is not { InOutline: true } || !Guid.TryParse(lecture.VideoAssetId, out var assetId))
        {
            return null;
        }

        var asset = await loaders.AssetById.Load(assetId).GetResultAsync(cancellationToken);

        // Another partner's asset never plays in this course, whatever id its authors typed.
        if (asset is not { State: AssetState.Ready } || asset.PartnerId != lecture.PartnerId)
        {
            return null;
        }

        if (!caller.IsAuthenticated)
        {
            throw GraphQLErrors.Unauthenticated("Sign in to watch the course's lectures.");
        }

        if (!IsStaff(caller, lecture.PartnerId)
            && !(caller.UserId is { } learnerId && await loaders.CoursesWatchableBy(learnerId).Load(lecture.CourseId).GetResultAsync(cancellationToken)))
        {
            throw GraphQLErrors.Forbidden("Enroll in the course to watch its lectures.");
        }

        return Issue(asset);
    }

    public static bool IsStaff(Caller caller, Guid partnerId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsPlatformAdmin || CatalogWriters.IsStaff(caller, partnerId) || caller.IsClientOf(partnerId, Scope)
            || caller.IsClientOf(partnerId, CatalogWriters.Scope);
    }

    /// <summary>Signed URLs for a READY asset, living <see cref="MediaOptions.PlaybackSettings.Lifetime"/>.</summary>
    public Playback Issue(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var expiresAt = clock.GetUtcNow() + options.Value.Playback.Lifetime;
        var folder = _signer.Sign(asset.Id, expiresAt);
        return new Playback(folder.UrlOf(LadderEncoder.HlsMaster), folder.UrlOf(LadderEncoder.DashManifest), expiresAt,
            [.. asset.Captions.Select(c => new PlaybackCaption(c.Language, c.Label, folder.UrlOf(CaptionedManifests.FileOf(c.Language))))],
            folder.UrlOf(LadderEncoder.Poster), folder.Query, folder.Cookies);
    }
}
