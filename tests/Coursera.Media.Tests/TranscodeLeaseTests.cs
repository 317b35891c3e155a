using Coursera.Media.Data;
using Coursera.Media.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Media.Tests;

/// <summary>A worker that dies mid-transcoding: its lease runs out, another worker takes the job, and the tries are counted.</summary>
public sealed class TranscodeLeaseTests(MediaApp app) : IClassFixture<MediaApp>
{
    [Fact]
    public async Task A_job_whose_worker_stopped_renewing_its_lease_is_taken_again_and_finished_as_a_second_try()
    {
        var assetId = await AbandonedJobAsync(tries: 1, withSource: true);

        var asset = await Uploads.SettledAsync(await app.PartnerClientAsync(), assetId.ToString());

        Assert.Equal("READY", asset["state"]!.GetValue<string>());
        Assert.Equal(2, asset["processing"]!["tries"]!.GetValue<int>());
        Assert.Equal("DONE", asset["processing"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_the_last_try_is_lost_the_asset_fails_with_the_reason_and_is_not_tried_again()
    {
        var assetId = await AbandonedJobAsync(tries: 3, withSource: true);

        var asset = await Uploads.SettledAsync(await app.PartnerClientAsync(), assetId.ToString());

        Assert.Equal("FAILED", asset["state"]!.GetValue<string>());
        Assert.Equal(3, asset["processing"]!["tries"]!.GetValue<int>());
        Assert.Contains("every try", asset["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lease_still_running_is_left_to_its_worker()
    {
        var assetId = await AbandonedJobAsync(tries: 1, withSource: true, leaseExpiresIn: TimeSpan.FromMinutes(5));
        await Task.Delay(1500);

        var asset = (await (await app.PartnerClientAsync()).PostAsync($"query($id: ID!) {{ asset(id: $id) {{ {Uploads.AssetFields} }} }}",
            new { id = assetId })).Ok()["asset"]!;

        Assert.Equal("PROCESSING", asset["state"]!.GetValue<string>());
        Assert.Equal("LEASED", asset["processing"]!["state"]!.GetValue<string>());
        Assert.Equal(1, asset["processing"]!["tries"]!.GetValue<int>());
    }

    /// <summary>A PROCESSING asset whose job a worker leased and then stopped renewing (it died), its lease running out as given.</summary>
    private async Task<Guid> AbandonedJobAsync(int tries, bool withSource, TimeSpan? leaseExpiresIn = null)
    {
        var now = DateTime.UtcNow;
        var asset = new Asset
        {
            Id = Guid.CreateVersion7(), PartnerId = MediaApp.PartnerId, Title = "Crashed on", State = AssetState.Processing, ContentType = "video/mp4",
            CreatedBy = "test", CreatedAt = now,
        };
        if (withSource)
        {
            var bytes = await MediaApp.SampleVideoAsync(seconds: 2, width: 320, height: 240);
            var path = Path.Combine(app.StoragePath, asset.SourceKey);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
            asset.SizeBytes = bytes.Length;
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MediaDbContext>>().CreateDbContextAsync();
        db.Assets.Add(asset);
        db.TranscodeJobs.Add(new TranscodeJob
        {
            AssetId = asset.Id, State = TranscodeJobState.Leased, Tries = tries, LeaseToken = "a-dead-workers-token", LeasedBy = "dead-worker",
            LeaseExpiresAt = now + (leaseExpiresIn ?? TimeSpan.FromSeconds(-1)), AvailableAt = now, CreatedAt = now, Progress = 40,
        });
        await db.SaveChangesAsync();
        return asset.Id;
    }
}
