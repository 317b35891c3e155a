using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Coursera.Testing;

namespace Coursera.Media.Tests;

/// <summary>What a partner's integration does to add a video: createUpload, PUT the parts, completeUpload, wait for READY.</summary>
public static class Uploads
{
    public const string AssetFields = "id state title durationSeconds width height renditions { name width height bandwidth } captions { language label } processing { state progress tries lastError } error";

    public static async Task<JsonNode> CreateAsync(GraphQLHttpClient partner, long size, string contentType = "video/mp4", Guid? partnerId = null, string title = "Week 1: welcome") =>
        (await partner.PostAsync("""
            mutation($input: CreateUploadInput!) {
              createUpload(input: $input) { upload { asset { id state } partSizeBytes expiresAt parts { partNumber url method } } errors { code path } }
            }
            """, new { input = new { partnerId = partnerId ?? MediaApp.PartnerId, title, contentType, sizeBytes = size } })).Ok()["createUpload"]!;

    /// <summary>Sends the bytes to the upload's part URLs, as a client does (no token: the URL is the authorization).</summary>
    public static async Task<HttpResponseMessage> PutAsync(HttpClient http, JsonNode upload, byte[] bytes)
    {
        var partSize = upload["partSizeBytes"]!.GetValue<long>();
        HttpResponseMessage? last = null;
        foreach (var part in upload["parts"]!.AsArray())
        {
            var offset = (part!["partNumber"]!.GetValue<int>() - 1) * partSize;
            using var content = new ByteArrayContent(bytes, (int)offset, (int)Math.Min(partSize, bytes.Length - offset));
            content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            using var request = new HttpRequestMessage(HttpMethod.Put, part["url"]!.GetValue<string>()) { Content = content };
            last = await http.SendAsync(request);
            if (!last.IsSuccessStatusCode)
            {
                return last;
            }
        }

        return last!;
    }

    public static async Task<JsonNode> CompleteAsync(GraphQLHttpClient partner, string assetId) =>
        (await partner.PostAsync($$"""
            mutation($id: ID!) { completeUpload(input: { assetId: $id }) { asset { {{AssetFields}} } errors { code path message } } }
            """, new { id = assetId })).Ok()["completeUpload"]!;

    /// <summary>Uploads a video and completes it: the asset's id.</summary>
    public static async Task<string> UploadAsync(MediaApp app, GraphQLHttpClient partner, byte[] bytes, string contentType = "video/mp4")
    {
        var created = await CreateAsync(partner, bytes.Length, contentType);
        Assert.Empty(created["errors"]!.AsArray());
        var upload = created["upload"]!;
        using var http = app.CreateClient();
        using var put = await PutAsync(http, upload, bytes);
        Assert.True(put.IsSuccessStatusCode, $"PUT: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        var id = upload["asset"]!["id"]!.GetValue<string>();
        Assert.Empty((await CompleteAsync(partner, id))["errors"]!.AsArray());
        return id;
    }

    /// <summary>Polls the asset until it is READY or FAILED (a minute at most: a few seconds of video transcode in about as long).</summary>
    public static async Task<JsonNode> SettledAsync(GraphQLHttpClient partner, string assetId)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var asset = (await partner.PostAsync($"query($id: ID!) {{ asset(id: $id) {{ {AssetFields} }} }}", new { id = assetId })).Ok()["asset"]!;
            if (asset["state"]!.GetValue<string>() is "READY" or "FAILED" || DateTime.UtcNow > until)
            {
                return asset;
            }

            await Task.Delay(200);
        }
    }
}
