using Coursera.Media.Model;
using Coursera.Media.Storage;
using Coursera.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Media.Tests;

/// <summary>The media service on S3-compatible storage (s3rver): the same upload, transcoding and outputs as on the local folder.</summary>
public sealed class S3MediaApp : MediaApp
{
    public S3MediaApp()
    {
        Settings["Media:Storage:Kind"] = "S3";
        Settings["Media:Storage:S3:ServiceUrl"] = TestInfrastructure.S3;
        Settings["Media:Storage:S3:Bucket"] = TestInfrastructure.S3Bucket;
        Settings["Media:Storage:S3:AccessKey"] = TestInfrastructure.S3AccessKey;
        Settings["Media:Storage:S3:SecretKey"] = TestInfrastructure.S3SecretKey;
    }
}

public sealed class S3MediaTests(S3MediaApp app) : IClassFixture<S3MediaApp>
{
    [Fact]
    public async Task A_video_uploaded_in_presigned_parts_to_s3_is_transcoded_from_s3_and_its_outputs_are_stored_there()
    {
        var partner = await app.PartnerClientAsync();
        var bytes = await MediaApp.SampleVideoAsync(seconds: 2, width: 320, height: 240);
        var created = (await Uploads.CreateAsync(partner, bytes.Length))["upload"]!;
        Assert.StartsWith(TestInfrastructure.S3, created["parts"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        using (var http = new HttpClient())
        using (var put = await Uploads.PutAsync(http, created, bytes))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var id = created["asset"]!["id"]!.GetValue<string>();
        Assert.Empty((await Uploads.CompleteAsync(partner, id))["errors"]!.AsArray());
        var asset = await Uploads.SettledAsync(partner, id);

        Assert.True(asset["state"]!.GetValue<string>() == "READY", asset.ToJsonString());
        var storage = app.Services.GetRequiredService<IObjectStorage>();
        Assert.IsType<S3ObjectStorage>(storage);
        var prefix = Asset.OutputPrefixOf(Guid.Parse(id));
        foreach (var file in (string[])["master.m3u8", "manifest.mpd", "poster.jpg", "init_0.mp4", "chunk_0_00001.m4s"])
        {
            Assert.True(await storage.SizeAsync(prefix + file, default) > 0, file);
        }

        Assert.Equal(bytes.Length, await storage.SizeAsync(Asset.SourceKeyOf(Guid.Parse(id)), default));
    }
}
