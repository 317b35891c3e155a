using System.Globalization;
using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Storage;

/// <summary>
/// The storage in an S3 bucket: AWS's own, or any S3-compatible endpoint (Cloud Storage's XML API, MinIO, s3rver) named
/// by <c>Media:Storage:S3:ServiceUrl</c>. A direct upload is an S3 multipart upload whose parts the client PUTs to
/// presigned URLs; completing it lists the parts at the storage, so the client never reports ETags.
/// </summary>
public sealed class S3ObjectStorage : IObjectStorage, IDisposable
{
    private const long MiB = 1024 * 1024;

    /// <summary>S3's limits: at most 10,000 parts, each but the last at least 5 MiB.</summary>
    private const int MaxParts = 10_000;

    /// <summary>Large enough that a short video is a handful of parts, small enough that a lost part is cheap to resend.</summary>
    private const long MinPartSize = 8 * MiB;

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly Protocol _urlProtocol;
    private readonly bool _https;

    public S3ObjectStorage(IOptions<MediaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value.Storage.S3;
        _bucket = string.IsNullOrEmpty(settings.Bucket)
            ? throw new InvalidOperationException("Set Media:Storage:S3:Bucket: the S3 storage needs a bucket.")
            : settings.Bucket;
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            // The SDK's default CRC32 checksums travel as aws-chunked trailers, which S3-compatible servers (Cloud Storage,
            // s3rver, older MinIO) reject or store verbatim; S3 still gets them where an operation requires one.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.ServiceUrl is { } serviceUrl)
        {
            // ServiceURL and RegionEndpoint reset each other; the region still signs the requests.
            config.ServiceURL = serviceUrl.AbsoluteUri;
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        _https = settings.ServiceUrl is null || settings.ServiceUrl.Scheme == Uri.UriSchemeHttps;
        _urlProtocol = _https ? Protocol.HTTPS : Protocol.HTTP;
        // Without keys (on AWS) the SDK's default chain applies: the instance's or the task's role.
        _client = settings.AccessKey.Length > 0
            ? new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config)
            : new AmazonS3Client(config);
    }

    /// <summary>Keys listed (and so deleted) and parts listed per request: S3's maximum, smaller in tests to exercise the paging.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>
    /// The part size of an upload of <paramref name="sizeBytes"/>: <see cref="MinPartSize"/>, or for a file too big to fit
    /// S3's 10,000 parts at that size, the whole number of MiB that does.
    /// </summary>
    public static long PartSizeFor(long sizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        var fitting = (sizeBytes + MaxParts - 1) / MaxParts;
        return Math.Max(MinPartSize, (fitting + MiB - 1) / MiB * MiB);
    }

    public async Task<UploadTarget> BeginUploadAsync(string key, string contentType, long sizeBytes, DateTime expiresAt, CancellationToken cancellationToken)
    {
        var partSize = PartSizeFor(sizeBytes);
        // An empty file is still one (empty) part: S3 completes no upload without parts.
        var count = (int)Math.Max(1, (sizeBytes + partSize - 1) / partSize);
        var started = await _client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key, ContentType = contentType }, cancellationToken);
        // The SDK reads an Unspecified time as local; the service's clock is UTC.
        var expires = expiresAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(expiresAt, DateTimeKind.Utc) : expiresAt;
        var parts = new List<UploadPart>(count);
        for (var number = 1; number <= count; number++)
        {
            var url = await _client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = _bucket,
                Key = key,
                Verb = HttpVerb.PUT,
                UploadId = started.UploadId,
                PartNumber = number,
                Expires = expires,
                Protocol = _urlProtocol,
            });
            parts.Add(new UploadPart(number, new Uri(url), "PUT"));
        }

        return new UploadTarget(started.UploadId, partSize, parts);
    }

    public async Task CompleteUploadAsync(string key, string? uploadId, long sizeBytes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        List<PartDetail> parts;
        try
        {
            parts = await ListPartsAsync(key, uploadId, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchUpload")
        {
            // Completed before (the answer was lost on the way back): the object is there, and asking again is no error.
            if (await SizeAsync(key, cancellationToken) is not null)
            {
                return;
            }

            throw new IncompleteUploadException("The upload has expired or was given up: start a new one.");
        }

        if (parts.Count == 0)
        {
            throw new IncompleteUploadException("No part was uploaded.");
        }

        // Parts come in order of number; a gap is a part the client never sent (or whose PUT failed).
        var partSize = parts[0].Size ?? 0;
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].PartNumber != i + 1)
            {
                throw new IncompleteUploadException(string.Create(CultureInfo.InvariantCulture, $"Part {i + 1} was not uploaded."));
            }

            if (i < parts.Count - 1 && parts[i].Size != partSize)
            {
                throw new IncompleteUploadException(string.Create(CultureInfo.InvariantCulture,
                    $"Part {i + 1} has {parts[i].Size} bytes where every part but the last has {partSize}: send it again."));
            }
        }

        // Trailing parts left out look like a complete upload but for its size: the client may still send them.
        var sent = parts.Sum(p => p.Size ?? 0);
        if (sent != sizeBytes)
        {
            throw new IncompleteUploadException(string.Create(CultureInfo.InvariantCulture, $"{sent} of the {sizeBytes} bytes were uploaded: send the missing parts."));
        }

        await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = _bucket,
            Key = key,
            UploadId = uploadId,
            PartETags = parts.Select(part => new PartETag(part.PartNumber ?? 0, part.ETag)).ToList(),
        }, cancellationToken);
    }

    public async Task AbortUploadAsync(string key, string? uploadId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        try
        {
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchUpload")
        {
            // Already given up, completed or expired: nothing is left to free.
        }
    }

    public async Task<long?> SizeAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, cancellationToken);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DownloadToFileAsync(string key, string path, CancellationToken cancellationToken)
    {
        using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await response.ResponseStream.CopyToAsync(file, cancellationToken);
    }

    public async Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken) =>
        // One PUT (up to S3's 5 GiB) is enough for what the service writes: renditions' segments, playlists, captions,
        // posters. aws-chunked bodies are off for the S3-compatible servers that store them as they come; over HTTPS
        // the payload is left unsigned rather than read twice for its hash (TLS already guards it).
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            FilePath = path,
            ContentType = contentType,
            UseChunkEncoding = false,
            DisablePayloadSigning = _https,
        }, cancellationToken);

    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        string? after = null;
        while (true)
        {
            // A page is at most 1,000 keys, DeleteObjects' limit. The next page starts after the last key listed
            // (StartAfter, which every S3-compatible server takes; continuation tokens are each server's own).
            var page = await _client.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = _bucket,
                Prefix = prefix,
                MaxKeys = Math.Min(PageSize, 1000),
                StartAfter = after,
            }, cancellationToken);
            if (page.S3Objects is not { Count: > 0 } objects)
            {
                return;
            }

            await _client.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = _bucket,
                Quiet = true,
                Objects = objects.Select(o => new KeyVersion { Key = o.Key }).ToList(),
            }, cancellationToken);
            if (page.IsTruncated != true)
            {
                return;
            }

            after = objects[^1].Key;
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Every part the storage holds for the upload, in order of number (S3 lists at most 1,000 a request).</summary>
    private async Task<List<PartDetail>> ListPartsAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        var parts = new List<PartDetail>();
        string? marker = null;
        while (true)
        {
            var page = await _client.ListPartsAsync(new ListPartsRequest
            {
                BucketName = _bucket,
                Key = key,
                UploadId = uploadId,
                MaxParts = Math.Min(PageSize, 1000),
                PartNumberMarker = marker,
            }, cancellationToken);
            // AWSSDK v4 leaves an empty list null.
            parts.AddRange(page.Parts ?? []);
            if (page.IsTruncated != true || page.NextPartNumberMarker is not { } next)
            {
                return parts;
            }

            marker = next.ToString(CultureInfo.InvariantCulture);
        }
    }
}
