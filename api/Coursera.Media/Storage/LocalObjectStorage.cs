using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Storage;

/// <summary>
/// The storage in a folder of the machine (the all-in-one default, served by the nginx edge from the same folder). A
/// direct upload is one PUT of the whole file to this service's <see cref="UploadPath"/>, authorized by a token in
/// the URL that names the key and the size and expires (Data Protection, so any instance of the service takes it).
/// </summary>
public sealed class LocalObjectStorage(IOptions<MediaOptions> options, IHostEnvironment environment, IDataProtectionProvider protection,
    IHttpContextAccessor http) : IObjectStorage
{
    public const string UploadPath = "/media/uploads";

    private readonly ITimeLimitedDataProtector _tokens = protection.CreateProtector("Coursera.Media.LocalUpload").ToTimeLimitedDataProtector();

    /// <summary>The folder, absolute.</summary>
    public string Root { get; } = Path.GetFullPath(options.Value.Storage.LocalPath, environment.ContentRootPath);

    public Task<UploadTarget> BeginUploadAsync(string key, string contentType, long sizeBytes, DateTime expiresAt, CancellationToken cancellationToken)
    {
        var token = _tokens.Protect(string.Create(CultureInfo.InvariantCulture, $"{key}\n{sizeBytes}"), new DateTimeOffset(expiresAt, TimeSpan.Zero));
        var url = new Uri(PublicBase(), $"{UploadPath.TrimStart('/')}/{Uri.EscapeDataString(token)}");
        return Task.FromResult(new UploadTarget(null, sizeBytes, [new UploadPart(1, url, "PUT")]));
    }

    /// <summary>
    /// Takes the body of a PUT to an upload URL: 403 for a bad or expired token, 413 for a body longer than the size
    /// announced, 400 for a shorter one; the object appears whole or not at all.
    /// </summary>
    public async Task<IResult> ReceiveAsync(string token, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string key;
        long size;
        try
        {
            var parts = _tokens.Unprotect(token, out _).Split('\n');
            (key, size) = (parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Results.Problem("The upload URL is not valid or has expired.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (request.ContentLength is { } length && length != size)
        {
            return Results.Problem($"The upload must be exactly {size} bytes.", statusCode: StatusCodes.Status400BadRequest);
        }

        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                long written = 0;
                int read;
                while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    written += read;
                    if (written > size)
                    {
                        return Results.Problem($"The upload must be exactly {size} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                if (written != size)
                {
                    return Results.Problem($"The upload must be exactly {size} bytes; {written} came.", statusCode: StatusCodes.Status400BadRequest);
                }
            }

            File.Move(partial, path, overwrite: true);
            return Results.Ok();
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task CompleteUploadAsync(string key, string? uploadId, long sizeBytes, CancellationToken cancellationToken) =>
        File.Exists(PathOf(key)) ? Task.CompletedTask : throw new IncompleteUploadException("Nothing was uploaded to the upload URL.");

    public Task AbortUploadAsync(string key, string? uploadId, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public Task<long?> SizeAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? file.Length : (long?)null);
    }

    public Task DownloadToFileAsync(string key, string path, CancellationToken cancellationToken)
    {
        File.Copy(PathOf(key), path, overwrite: true);
        return Task.CompletedTask;
    }

    public Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = $"{target}.{Guid.NewGuid():N}.partial";
        File.Copy(path, partial);
        File.Move(partial, target, overwrite: true);
        return Task.CompletedTask;
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var folder = PathOf(prefix.TrimEnd('/'));
        if (prefix.EndsWith('/') && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        else if (File.Exists(folder))
        {
            File.Delete(folder);
        }

        return Task.CompletedTask;
    }

    /// <summary>The file of a key; keys are made by the service, but one that would leave the folder is refused all the same.</summary>
    public string PathOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var path = Path.GetFullPath(Path.Combine(Root, key));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"The key {key} is outside the storage.", nameof(key));
    }

    private Uri PublicBase()
    {
        if (options.Value.Storage.PublicBaseUrl is { } configured)
        {
            return configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
        }

        var request = http.HttpContext?.Request
            ?? throw new InvalidOperationException("Set Media:Storage:PublicBaseUrl: upload URLs are made outside a request.");
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
    }
}
