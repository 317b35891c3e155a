using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Coursera.Events;
using Coursera.Identity.Data;
using Coursera.Testing;

namespace Coursera.Media.Tests;

/// <summary>
/// The media service alone, by its own Program, with the local storage in a folder of the test: the identity service
/// beside it issues the tokens, and the catalog's and the learner's events are put on its stream as their relays would.
/// Playback URLs are signed with a key the tests know, for the edge to check.
/// </summary>
public class MediaApp : ServiceApp<Coursera.Media.Program>
{
    private IdentityApp? _identity;

    public MediaApp()
    {
        Settings["Media:MigrateOnStart"] = "true";
        Settings["Media:Storage:LocalPath"] = StoragePath;
        Settings["Media:Transcoding:PollInterval"] = "00:00:00.200";
        Settings["Media:Transcoding:RetryDelay"] = "00:00:00.100";
        Settings["Media:Transcoding:Preset"] = "ultrafast";
        Settings["Media:Playback:Keys:0:Id"] = KeyId;
        Settings["Media:Playback:Keys:0:Secret"] = KeySecret;
        Settings["Events:IdleDelay"] = "00:00:00.010";
    }

    public string StoragePath => Path.Combine(Folder, "media");

    public const string KeyId = "k1";

    public static string KeySecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static Guid PartnerId => SampleTenants.Partners.Single(p => p.Slug == "kings-bridge").Id;

    public static Guid OtherPartnerId => SampleTenants.Partners.First(p => p.Slug != "kings-bridge").Id;

    public override async Task InitializeAsync()
    {
        _identity = new IdentityApp(await EnsureDatabaseAsync());
        await _identity.InitializeAsync();
        Settings["Identity:Authority"] = _identity.Authority;
        await base.InitializeAsync();
    }

    public GraphQLHttpClient Client(string? token)
    {
        var http = CreateClient();
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return new GraphQLHttpClient(http);
    }

    /// <summary>The partner's API client (all its scopes unless <paramref name="scope"/> narrows them).</summary>
    public async Task<GraphQLHttpClient> PartnerClientAsync(string partnerSlug = "kings-bridge", string? scope = null) =>
        Client(await _identity!.ApiClientTokenAsync(partnerSlug, scope));

    public Task<(Guid Id, string Token)> NewLearnerAsync() => _identity!.NewLearnerAsync();

    /// <summary>A published course of the partner with one lecture playing <paramref name="videoAssetId"/>: the course's id and the lecture's.</summary>
    public async Task<(Guid CourseId, Guid ItemId)> PublishCourseAsync(string? videoAssetId, Guid? partnerId = null)
    {
        var courseId = Guid.CreateVersion7();
        var itemId = Guid.CreateVersion7();
        var partner = partnerId ?? PartnerId;
        await PublishAsync(EventEnvelope.Create("course.published", "catalog", courseId.ToString(), new
        {
            courseId, partnerId = partner, slug = $"course-{courseId:N}", title = "A course with a lecture", status = "PUBLISHED",
            modules = new[] { new { id = Guid.CreateVersion7(), title = "Week 1", items = new[] { new { id = itemId, title = "Lecture", kind = "LECTURE", required = true, graded = false, videoAssetId } } } },
        }, DateTime.UtcNow, partnerId: partner));
        return (courseId, itemId);
    }

    /// <summary>An enrollment of the learner in the course in <paramref name="state"/>, as the learner service's relay would announce it.</summary>
    public Task EnrollAsync(Guid learnerId, Guid courseId, string state = "ACTIVE", Guid? enrollmentId = null) =>
        PublishAsync(EventEnvelope.Create(state == "ACTIVE" ? "enrollment.created" : "enrollment.withdrawn", "learner", Guid.CreateVersion7().ToString(), new
        {
            enrollmentId = enrollmentId ?? Guid.CreateVersion7(), learnerId, courseId, sessionId = Guid.CreateVersion7(), partnerId = PartnerId,
            track = "AUDIT", state, occurredAt = DateTime.UtcNow,
        }, DateTime.UtcNow, partnerId: PartnerId));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>ffmpeg's test pattern and a tone: <paramref name="seconds"/> of <paramref name="width"/>×<paramref name="height"/> MP4.</summary>
    public static async Task<byte[]> SampleVideoAsync(int seconds = 6, int width = 640, int height = 360)
    {
        var path = Path.Combine(Path.GetTempPath(), $"coursera-sample-{Guid.NewGuid():N}.mp4");
        try
        {
            await RunAsync("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=25:duration={seconds}",
                "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest", path);
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs a tool; its standard output, or an exception with its standard error when it fails.</summary>
    public static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}");
    }
}
