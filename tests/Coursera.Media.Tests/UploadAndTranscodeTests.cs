using System.Net;
using Npgsql;

namespace Coursera.Media.Tests;

public sealed class UploadAndTranscodeTests(MediaApp app) : IClassFixture<MediaApp>
{
    [Fact]
    public async Task A_partner_uploads_a_video_straight_to_the_storage_and_it_becomes_a_ladder_with_both_manifests_and_a_poster()
    {
        var partner = await app.PartnerClientAsync();
        var bytes = await MediaApp.SampleVideoAsync(seconds: 6, width: 640, height: 360);
        var id = await Uploads.UploadAsync(app, partner, bytes);

        var asset = await Uploads.SettledAsync(partner, id);
        Assert.True(asset["state"]!.GetValue<string>() == "READY", asset.ToJsonString());
        Assert.InRange(asset["durationSeconds"]!.GetValue<double>(), 5.9, 6.2);

        // A 360p source makes 240p and 360p: the 720p rung would be upscaled, so it is left out.
        Assert.Equal(["240p", "360p"], asset["renditions"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        Assert.Equal(426, asset["renditions"]![0]!["width"]!.GetValue<int>());
        Assert.Equal(100, asset["processing"]!["progress"]!.GetValue<int>());
        Assert.Equal("DONE", asset["processing"]!["state"]!.GetValue<string>());

        var folder = Path.Combine(app.StoragePath, "assets", id, "out");
        Assert.Contains("#EXT-X-STREAM-INF", await File.ReadAllTextAsync(Path.Combine(folder, "master.m3u8")));
        Assert.Contains("<MPD", await File.ReadAllTextAsync(Path.Combine(folder, "manifest.mpd")));
        Assert.True(new FileInfo(Path.Combine(folder, "poster.jpg")).Length > 1000);

        // Segments of about 4 seconds, shared by both manifests: 6 s of video is two per rendition.
        Assert.Equal(2, Directory.GetFiles(folder, "chunk_0_*.m4s").Length);
        Assert.Equal(["media.asset.ready"], await OutboxTypesAsync(id));
    }

    [Fact]
    public async Task Bytes_that_are_not_a_video_fail_the_asset_at_the_ffprobe_check_and_the_partner_hears_of_it()
    {
        var partner = await app.PartnerClientAsync();
        var id = await Uploads.UploadAsync(app, partner, [.. Enumerable.Range(0, 50_000).Select(i => (byte)(i * 7))]);

        var asset = await Uploads.SettledAsync(partner, id);
        Assert.Equal("FAILED", asset["state"]!.GetValue<string>());
        Assert.StartsWith("INVALID_MEDIA", asset["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, asset["processing"]!["tries"]!.GetValue<int>());
        Assert.Empty(asset["renditions"]!.AsArray());
        Assert.Equal(["media.asset.failed"], await OutboxTypesAsync(id));
    }

    [Fact]
    public async Task Captions_uploaded_to_a_ready_video_appear_in_both_manifests_and_a_file_that_is_not_webvtt_is_refused()
    {
        var partner = await app.PartnerClientAsync();
        var id = await Uploads.UploadAsync(app, partner, await MediaApp.SampleVideoAsync(seconds: 2, width: 320, height: 240));
        Assert.Equal("READY", (await Uploads.SettledAsync(partner, id))["state"]!.GetValue<string>());
        const string Caption = """
            mutation($id: ID!, $l: String!, $v: String!) { uploadCaption(input: { assetId: $id, language: $l, label: "Captions", webVtt: $v }) {
              asset { captions { language label } } errors { code path } } }
            """;

        var refused = (await partner.PostAsync(Caption, new { id, l = "en", v = "1\n00:00:00,000 --> 00:00:01,000\nAn SRT file" })).Ok()["uploadCaption"]!;
        Assert.Equal("INVALID_WEBVTT", refused["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("INVALID_LANGUAGE", (await partner.PostAsync(Caption, new { id, l = "English", v = "WEBVTT\n" })).Ok()["uploadCaption"]!["errors"]![0]!["code"]!.GetValue<string>());

        foreach (var language in (string[])["pt-BR", "en"])
        {
            Assert.Empty((await partner.PostAsync(Caption, new { id, l = language, v = "WEBVTT\n\n00:00.000 --> 00:01.000\nOlá\n" })).Ok()["uploadCaption"]!["errors"]!.AsArray());
        }

        var folder = Path.Combine(app.StoragePath, "assets", id, "out");
        var master = await File.ReadAllTextAsync(Path.Combine(folder, "master.m3u8"));
        Assert.Contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"Captions\",LANGUAGE=\"en\"", master, StringComparison.Ordinal);
        Assert.Contains("LANGUAGE=\"pt-BR\"", master, StringComparison.Ordinal);
        Assert.All(master.Split('\n').Where(l => l.StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal)), l => Assert.EndsWith("SUBTITLES=\"subs\"", l, StringComparison.Ordinal));
        Assert.Contains("en.vtt", await File.ReadAllTextAsync(Path.Combine(folder, "captions", "en.m3u8")));
        var mpd = await File.ReadAllTextAsync(Path.Combine(folder, "manifest.mpd"));
        Assert.Contains("mimeType=\"text/vtt\" lang=\"pt-BR\"", mpd, StringComparison.Ordinal);
        Assert.Contains("<BaseURL>captions/en.vtt</BaseURL>", mpd, StringComparison.Ordinal);
        Assert.StartsWith("WEBVTT", await File.ReadAllTextAsync(Path.Combine(folder, "captions", "pt-BR.vtt")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/png", 1000, "UNSUPPORTED_TYPE", "contentType")]
    [InlineData("video/mp4", 0, "INVALID_SIZE", "sizeBytes")]
    [InlineData("video/mp4", 5_000_000_000L, "INVALID_SIZE", "sizeBytes")]
    public async Task An_upload_of_the_wrong_type_or_size_is_refused_and_nothing_is_created(string contentType, long size, string code, string field)
    {
        var partner = await app.PartnerClientAsync();
        var before = await CountAsync("SELECT count(*) FROM media.assets");

        var created = await Uploads.CreateAsync(partner, size, contentType);

        Assert.Null(created["upload"]);
        Assert.Equal(code, created["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(field, created["errors"]![0]!["path"]![1]!.GetValue<string>());
        Assert.Equal(before, await CountAsync("SELECT count(*) FROM media.assets"));
    }

    [Fact]
    public async Task Only_the_partner_may_upload_its_videos_or_read_them()
    {
        var other = await app.PartnerClientAsync(scope: null, partnerSlug: Coursera.Identity.Data.SampleTenants.Partners.First(p => p.Slug != "kings-bridge").Slug);
        var response = await other.PostAsync("""
            mutation($input: CreateUploadInput!) { createUpload(input: $input) { upload { asset { id } } } }
            """, new { input = new { partnerId = MediaApp.PartnerId, title = "Not mine", contentType = "video/mp4", sizeBytes = 1000 } });
        Assert.Equal("FORBIDDEN", response.ErrorCode());

        var anonymous = app.Client(null);
        response = await anonymous.PostAsync("""
            mutation($input: CreateUploadInput!) { createUpload(input: $input) { upload { asset { id } } } }
            """, new { input = new { partnerId = MediaApp.PartnerId, title = "Nobody's", contentType = "video/mp4", sizeBytes = 1000 } });
        Assert.Equal("UNAUTHENTICATED", response.ErrorCode());

        var partner = await app.PartnerClientAsync();
        var id = (await Uploads.CreateAsync(partner, 1000))["upload"]!["asset"]!["id"]!.GetValue<string>();
        var read = await other.PostAsync("query($id: ID!) { asset(id: $id) { id } }", new { id });
        Assert.Null(read.Ok()["asset"]);
    }

    [Fact]
    public async Task A_body_longer_or_shorter_than_announced_is_refused_and_completing_without_the_bytes_says_the_upload_is_incomplete()
    {
        var partner = await app.PartnerClientAsync();
        var upload = (await Uploads.CreateAsync(partner, 1000))["upload"]!;
        using var http = app.CreateClient();

        using var shorter = await Uploads.PutAsync(http, upload, new byte[999]);
        Assert.Equal(HttpStatusCode.BadRequest, shorter.StatusCode);

        var id = upload["asset"]!["id"]!.GetValue<string>();
        var completed = await Uploads.CompleteAsync(partner, id);
        Assert.Equal("INCOMPLETE_UPLOAD", completed["errors"]![0]!["code"]!.GetValue<string>());

        var tampered = upload.DeepClone();
        var url = tampered["parts"]![0]!["url"]!.GetValue<string>();
        tampered["parts"]![0]!["url"] = url[..^3] + (url[^3] == 'A' ? "B" : "A") + url[^2..];
        using var forged = await Uploads.PutAsync(http, tampered, new byte[1000]);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> OutboxTypesAsync(string assetId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT type FROM media.outbox WHERE envelope ->> 'subject' = $1 ORDER BY position", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = assetId });
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0));
        }

        return types;
    }
}
