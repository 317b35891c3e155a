using System.Net.Http.Headers;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Coursera.Media.Storage;
using Coursera.Testing;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Tests;

/// <summary>
/// The S3 storage against a real S3 protocol server (s3rver, started by <c>./test.sh</c>) over HTTP: the presigned part
/// URLs are PUT by a plain HTTP client, as a partner's integration does. Each test keeps to a key prefix of its own.
/// </summary>
public sealed class S3ObjectStorageTests : IDisposable
{
    private const int MiB = 1024 * 1024;

    private readonly string _prefix = $"tests/{Guid.NewGuid():N}/";
    private readonly string _scratch = Directory.CreateTempSubdirectory("coursera-s3-").FullName;
    private readonly S3ObjectStorage _storage = new(Options.Create(Settings())) { PageSize = 2 };
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _storage.Dispose();
        _http.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public void Parts_are_8_MiB_until_10000_of_them_no_longer_fit_then_whole_MiB_that_do()
    {
        Assert.Equal(8L * MiB, S3ObjectStorage.PartSizeFor(0));
        Assert.Equal(8L * MiB, S3ObjectStorage.PartSizeFor(17L * MiB));
        Assert.Equal(8L * MiB, S3ObjectStorage.PartSizeFor(80_000L * MiB));
        Assert.Equal(9L * MiB, S3ObjectStorage.PartSizeFor((80_000L * MiB) + 1));
        var huge = 200L * 1024 * MiB;
        var part = S3ObjectStorage.PartSizeFor(huge);
        Assert.Equal(0, part % MiB);
        Assert.True((huge + part - 1) / part <= 10_000);
        Assert.True((huge + part - MiB - 1) / (part - MiB) > 10_000, "one MiB less would not fit in 10,000 parts");
    }

    [Fact]
    public async Task A_direct_upload_PUT_in_parts_to_presigned_URLs_and_completed_reads_back_byte_for_byte()
    {
        var bytes = RandomBytes((17 * MiB) + 12_345);
        var key = _prefix + "source";

        var target = await _storage.BeginUploadAsync(key, "video/mp4", bytes.Length, DateTime.UtcNow.AddHours(1), default);

        Assert.NotNull(target.UploadId);
        Assert.Equal(8L * MiB, target.PartSizeBytes);
        Assert.Equal([1, 2, 3], target.Parts.Select(p => p.PartNumber));
        Assert.All(target.Parts, p => Assert.Equal("PUT", p.Method));
        Assert.All(target.Parts, p => Assert.StartsWith(TestInfrastructure.S3 + "/" + TestInfrastructure.S3Bucket + "/", p.Url.AbsoluteUri, StringComparison.Ordinal));
        foreach (var part in target.Parts)
        {
            await PutPartAsync(target, part, bytes);
        }

        // Not there until completed: the parts are not an object.
        Assert.Null(await _storage.SizeAsync(key, default));
        await _storage.CompleteUploadAsync(key, target.UploadId, bytes.Length, default);

        Assert.Equal(bytes.Length, await _storage.SizeAsync(key, default));
        var copy = Path.Combine(_scratch, "copy.mp4");
        await _storage.DownloadToFileAsync(key, copy, default);
        var downloaded = await File.ReadAllBytesAsync(copy);
        Assert.True(bytes.AsSpan().SequenceEqual(downloaded), "the downloaded file differs from the uploaded bytes");
        using var s3 = Client();
        using var stored = await s3.GetObjectAsync(TestInfrastructure.S3Bucket, key);
        Assert.Equal("video/mp4", stored.Headers.ContentType);

        // A client that lost the answer and completes again is told it is done.
        await _storage.CompleteUploadAsync(key, target.UploadId, bytes.Length, default);
        Assert.Equal(bytes.Length, await _storage.SizeAsync(key, default));
    }

    [Fact]
    public async Task The_size_of_an_object_is_its_length_and_null_when_there_is_none()
    {
        var path = Path.Combine(_scratch, "poster.jpg");
        await File.WriteAllBytesAsync(path, RandomBytes(12_345));
        await _storage.UploadFileAsync(_prefix + "poster.jpg", path, "image/jpeg", default);

        Assert.Equal(12_345, await _storage.SizeAsync(_prefix + "poster.jpg", default));
        Assert.Null(await _storage.SizeAsync(_prefix + "missing.jpg", default));
        Assert.Null(await _storage.SizeAsync(_prefix + "poster", default));
    }

    [Fact]
    public async Task Completing_with_a_part_missing_throws_and_stores_nothing_until_the_part_is_sent()
    {
        var bytes = RandomBytes((17 * MiB) + 1);
        var key = _prefix + "source";
        var target = await _storage.BeginUploadAsync(key, "video/mp4", bytes.Length, DateTime.UtcNow.AddHours(1), default);

        var none = await Assert.ThrowsAsync<IncompleteUploadException>(() => _storage.CompleteUploadAsync(key, target.UploadId, bytes.Length, default));
        Assert.Contains("No part", none.Message, StringComparison.Ordinal);
        await PutPartAsync(target, target.Parts[0], bytes);
        await PutPartAsync(target, target.Parts[1], bytes);
        var last = await Assert.ThrowsAsync<IncompleteUploadException>(() => _storage.CompleteUploadAsync(key, target.UploadId, bytes.Length, default));
        Assert.Contains("send the missing parts", last.Message, StringComparison.Ordinal);
        await _storage.AbortUploadAsync(key, target.UploadId, default);
        target = await _storage.BeginUploadAsync(key, "video/mp4", bytes.Length, DateTime.UtcNow.AddHours(1), default);
        await PutPartAsync(target, target.Parts[0], bytes);
        await PutPartAsync(target, target.Parts[2], bytes);
        var missing = await Assert.ThrowsAsync<IncompleteUploadException>(() => _storage.CompleteUploadAsync(key, target.UploadId, bytes.Length, default));
        Assert.Contains("Part 2", missing.Message, StringComparison.Ordinal);
        Assert.Null(await _storage.SizeAsync(key, default));

        // The upload is still open: the client sends the missing part and completes.
        await PutPartAsync(target, target.Parts[1], bytes);
        await _storage.CompleteUploadAsync(key, target.UploadId, bytes.Length, default);
        Assert.Equal(bytes.Length, await _storage.SizeAsync(key, default));
    }

    [Fact]
    public async Task A_part_shorter_than_the_part_size_before_the_last_is_refused()
    {
        var bytes = RandomBytes(17 * MiB);
        var key = _prefix + "source";
        var target = await _storage.BeginUploadAsync(key, "video/mp4", bytes.Length, DateTime.UtcNow.AddHours(1), default);
        await PutPartAsync(target, target.Parts[0], bytes);
        await PutAsync(target.Parts[1].Url, bytes.AsMemory(0, MiB));
        await PutPartAsync(target, target.Parts[2], bytes);

        var e = await Assert.ThrowsAsync<IncompleteUploadException>(() => _storage.CompleteUploadAsync(key, target.UploadId, bytes.Length, default));

        Assert.Contains("Part 2", e.Message, StringComparison.Ordinal);
        Assert.Null(await _storage.SizeAsync(key, default));
    }

    [Fact]
    public async Task An_aborted_upload_cannot_be_completed_and_leaves_nothing()
    {
        var bytes = RandomBytes(9 * MiB);
        var key = _prefix + "source";
        var target = await _storage.BeginUploadAsync(key, "video/mp4", bytes.Length, DateTime.UtcNow.AddHours(1), default);
        await PutPartAsync(target, target.Parts[0], bytes);

        await _storage.AbortUploadAsync(key, target.UploadId, default);

        using var s3 = Client();
        var gone = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.ListPartsAsync(new ListPartsRequest { BucketName = TestInfrastructure.S3Bucket, Key = key, UploadId = target.UploadId }));
        Assert.Equal("NoSuchUpload", gone.ErrorCode);
        await Assert.ThrowsAsync<IncompleteUploadException>(() => _storage.CompleteUploadAsync(key, target.UploadId, bytes.Length, default));
        Assert.Null(await _storage.SizeAsync(key, default));
        // Giving up twice is no error (a retried clean-up).
        await _storage.AbortUploadAsync(key, target.UploadId, default);
    }

    [Fact]
    public async Task An_uploaded_file_keeps_its_content_type_and_replaces_the_object()
    {
        var key = _prefix + "out/master.m3u8";
        var path = Path.Combine(_scratch, "master.m3u8");
        await File.WriteAllTextAsync(path, "#EXTM3U\n#EXT-X-VERSION:3\n");
        await _storage.UploadFileAsync(key, path, "application/vnd.apple.mpegurl", default);
        await File.WriteAllTextAsync(path, "#EXTM3U\n#EXT-X-VERSION:7\n");

        await _storage.UploadFileAsync(key, path, "application/vnd.apple.mpegurl", default);

        using var s3 = Client();
        using var stored = await s3.GetObjectAsync(TestInfrastructure.S3Bucket, key);
        Assert.Equal("application/vnd.apple.mpegurl", stored.Headers.ContentType);
        using var reader = new StreamReader(stored.ResponseStream);
        Assert.Equal("#EXTM3U\n#EXT-X-VERSION:7\n", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Deleting_a_prefix_removes_every_object_under_it_page_after_page_and_nothing_else()
    {
        var path = Path.Combine(_scratch, "segment.ts");
        await File.WriteAllBytesAsync(path, RandomBytes(100));
        // Five pages of two keys (the storage's page size here), and neighbours that share the start of the prefix.
        var doomed = Enumerable.Range(0, 9).Select(i => $"{_prefix}a/out/{i:D3}.ts").ToList();
        string[] kept = [$"{_prefix}b/out/000.ts", $"{_prefix}a-poster.jpg", $"{_prefix}a"];
        foreach (var key in doomed.Concat(kept))
        {
            await _storage.UploadFileAsync(key, path, "video/mp2t", default);
        }

        await _storage.DeletePrefixAsync(_prefix + "a/", default);

        using var s3 = Client();
        var left = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = TestInfrastructure.S3Bucket, Prefix = _prefix });
        Assert.Equal(kept.Order(StringComparer.Ordinal), (left.S3Objects ?? []).Select(o => o.Key).Order(StringComparer.Ordinal));
        // Nothing to delete is no error.
        await _storage.DeletePrefixAsync(_prefix + "a/", default);
    }

    private static MediaOptions Settings() => new()
    {
        Storage = new MediaOptions.StorageSettings
        {
            Kind = "S3",
            S3 = new MediaOptions.S3Settings
            {
                ServiceUrl = new Uri(TestInfrastructure.S3),
                Bucket = TestInfrastructure.S3Bucket,
                AccessKey = TestInfrastructure.S3AccessKey,
                SecretKey = TestInfrastructure.S3SecretKey,
                ForcePathStyle = true,
            },
        },
    };

    /// <summary>A client of its own, to look at the bucket past the port (headers, uploads).</summary>
    private static AmazonS3Client Client() => new(new BasicAWSCredentials(TestInfrastructure.S3AccessKey, TestInfrastructure.S3SecretKey),
        new AmazonS3Config
        {
            ServiceURL = TestInfrastructure.S3,
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Sends a part's slice of <paramref name="bytes"/>, as a client does: the URL is the authorization.</summary>
    private Task PutPartAsync(UploadTarget target, UploadPart part, byte[] bytes)
    {
        var offset = (int)((part.PartNumber - 1) * target.PartSizeBytes);
        return PutAsync(part.Url, bytes.AsMemory(offset, (int)Math.Min(target.PartSizeBytes, bytes.Length - offset)));
    }

    private async Task PutAsync(Uri url, ReadOnlyMemory<byte> body)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        using var response = await _http.PutAsync(url, content);
        Assert.True(response.IsSuccessStatusCode, $"PUT {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
