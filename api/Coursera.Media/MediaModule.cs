using Coursera.Events;
using Coursera.Media.Assets;
using Coursera.Media.Captions;
using Coursera.Media.Courses;
using Coursera.Media.Data;
using Coursera.Media.Enrollments;
using Coursera.Media.Playback;
using Coursera.Media.Playback.Signers;
using Coursera.Media.Storage;
using Coursera.Media.Subgraph;
using Coursera.Media.Transcoding;
using Coursera.ServiceDefaults.Data;
using Coursera.Subgraphs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coursera.Media;

/// <summary>The media service's only entry points: its own Program and the all-in-one host.</summary>
public static class MediaModule
{
    public const string GraphQLPath = "/subgraphs/media/graphql";

    public static IHostApplicationBuilder AddMedia(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(MediaOptions.Section);
        var media = builder.Services.AddOptions<MediaOptions>().Bind(section);
        if (builder.Environment.IsDevelopment())
        {
            // Without configured keys a development process signs with a key of its own: playback works, but only an
            // edge given the same key (./run.sh generates one for both) accepts the URLs.
            var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            media.PostConfigure(o =>
            {
                if (o.Playback.Keys.Count == 0)
                {
                    o.Playback.Keys.Add(new MediaOptions.SigningKey { Id = "dev", Secret = key });
                }
            });
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceStore<MediaDbContext>(MediaDbContext.Schema, MediaOptions.Section);
        builder.AddEvents(MediaDbContext.Schema)
            .Handle<LectureFollower>("media-lectures")
            .Handle<EnrollmentFollower>("media-enrollments")
            .Handle<ViewerErasure>("media-erasure");

        builder.Services.AddHttpContextAccessor();
        if (string.Equals(section["Storage:Kind"], "S3", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSingleton<IObjectStorage, S3ObjectStorage>();
        }
        else
        {
            builder.Services.AddSingleton<LocalObjectStorage>();
            builder.Services.AddSingleton<IObjectStorage>(s => s.GetRequiredService<LocalObjectStorage>());
        }

        builder.Services.AddSingleton<IPlaybackSigner, EdgeSigner>();
        builder.Services.AddSingleton<IPlaybackSigner, CloudFrontSigner>();
        builder.Services.AddSingleton<IPlaybackSigner, CloudFrontCookieSigner>();
        builder.Services.AddSingleton<IPlaybackSigner, GoogleCdnSigner>();
        builder.Services.AddSingleton<IPlaybackSigner, GoogleCdnCookieSigner>();
        builder.Services.AddSingleton<IPlaybackSigner, AkamaiSigner>();
        builder.Services.AddSingleton<Playbacks>();
        builder.Services.AddSingleton<TranscodeLeases>();
        builder.Services.AddSingleton<LadderEncoder>();
        builder.Services.AddSingleton<Uploads.Uploads>();
        builder.Services.AddSingleton<CaptionUploads>();
        builder.Services.AddSingleton<AssetDirectory>();
        if (section.GetValue("Transcoding:RunWorker", true))
        {
            builder.Services.AddHostedService<TranscodingWorker>();
        }

        builder.Services.AddScoped<MediaLoaders>();
        builder.AddSubgraph<MediaSchema>();
        return builder;
    }

    public static WebApplication MapMedia(this WebApplication app, string path = GraphQLPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSubgraph<MediaSchema>(path);
        if (app.Services.GetService<LocalObjectStorage>() is not null)
        {
            // The local storage's direct uploads: the token in the URL is the authorization (as an S3 presigned URL's is).
            app.MapPut(LocalObjectStorage.UploadPath + "/{token}", (string token, HttpRequest request, LocalObjectStorage storage, CancellationToken cancellationToken) =>
                    storage.ReceiveAsync(token, request, cancellationToken))
                .AllowAnonymous().DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute());
        }

        return app;
    }
}
