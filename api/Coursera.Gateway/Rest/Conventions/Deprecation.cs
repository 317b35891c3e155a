using System.Globalization;

namespace Coursera.Gateway.Rest.Conventions;

/// <summary>
/// The deprecation policy of REST v1 in code: an endpoint to be removed keeps working until its sunset, answering with
/// <c>Deprecation</c> (RFC 9745: since when), <c>Sunset</c> (RFC 8594: when it goes) and a <c>Link</c> to its successor,
/// and the OpenAPI document marks its operation deprecated. The sunset must be at least six months after the
/// deprecation.
/// </summary>
public static class Deprecation
{
    public static readonly TimeSpan MinimumNotice = TimeSpan.FromDays(182);

    public static RouteHandlerBuilder Deprecated(this RouteHandlerBuilder endpoint, DateTimeOffset since, DateTimeOffset sunset, string successor)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (sunset - since < MinimumNotice)
        {
            throw new ArgumentOutOfRangeException(nameof(sunset), "A deprecated endpoint keeps working for at least six months.");
        }

        var notice = new DeprecationNotice(since, sunset, successor);
        return endpoint.WithMetadata(notice).AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers["Deprecation"] = "@" + notice.Since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            headers["Sunset"] = notice.Sunset.ToString("R", CultureInfo.InvariantCulture);
            headers.Append("Link", $"<{notice.Successor}>; rel=\"successor-version\"");
            return await next(context);
        });
    }
}

/// <summary>When an endpoint was deprecated, when it goes, and what replaces it.</summary>
public sealed record DeprecationNotice(DateTimeOffset Since, DateTimeOffset Sunset, string Successor);
