namespace Coursera.Media.Storage;

/// <summary>
/// Where media lives: uploaded sources, and the renditions, manifests, captions and posters made from them. Keys are
/// slash-separated paths (<c>assets/{id}/source</c>, <c>assets/{id}/out/master.m3u8</c>). Uploads go straight from the
/// client to the storage (the service hands out short-lived URLs), never through the service's memory.
/// </summary>
public interface IObjectStorage
{
    /// <summary>
    /// Starts a direct upload of <paramref name="sizeBytes"/> bytes to <paramref name="key"/>: the URLs the client
    /// sends the parts to (in order, each <see cref="UploadTarget.PartSizeBytes"/> long but the last), valid until
    /// <paramref name="expiresAt"/>.
    /// </summary>
    Task<UploadTarget> BeginUploadAsync(string key, string contentType, long sizeBytes, DateTime expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Joins the parts the client sent into the object (S3's CompleteMultipartUpload, the parts listed by the
    /// storage itself). Throws <see cref="IncompleteUploadException"/> when a part is missing or the parts do not add
    /// up to <paramref name="sizeBytes"/>: nothing is joined, and the client may still send what is missing.
    /// </summary>
    Task CompleteUploadAsync(string key, string? uploadId, long sizeBytes, CancellationToken cancellationToken);

    /// <summary>Gives up an unfinished upload and the parts already sent.</summary>
    Task AbortUploadAsync(string key, string? uploadId, CancellationToken cancellationToken);

    /// <summary>The object's size in bytes, or null when there is none.</summary>
    Task<long?> SizeAsync(string key, CancellationToken cancellationToken);

    /// <summary>Copies the object into a local file (ffmpeg reads local files).</summary>
    Task DownloadToFileAsync(string key, string path, CancellationToken cancellationToken);

    /// <summary>Stores a local file as the object, replacing any.</summary>
    Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken);

    /// <summary>Removes every object whose key starts with <paramref name="prefix"/>.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken);
}

/// <summary>Where the parts of a direct upload go.</summary>
/// <param name="UploadId">The storage's multipart upload id (S3), or null when there is one part (local).</param>
public sealed record UploadTarget(string? UploadId, long PartSizeBytes, IReadOnlyList<UploadPart> Parts);

/// <summary>One part of a direct upload: send its bytes with <paramref name="Method"/> to <paramref name="Url"/>.</summary>
public sealed record UploadPart(int PartNumber, Uri Url, string Method);

/// <summary>The client finished an upload without sending every part.</summary>
public sealed class IncompleteUploadException(string message) : Exception(message);
