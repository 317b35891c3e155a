namespace Coursera.Gateway.Rest.Conventions;

/// <summary>The <c>limit</c> query parameter of a list: how many items a page holds.</summary>
public static class PageLimit
{
    public const int Default = 50;

    /// <summary><paramref name="limit"/> or the default; outside 1 to <paramref name="max"/> it is refused, not clamped.</summary>
    public static int Of(int? limit, int max) => limit switch
    {
        null => Math.Min(Default, max),
        >= 1 when limit <= max => limit.Value,
        _ => throw RestProblemException.BadRequest("INVALID_LIMIT", $"limit must be between 1 and {max}."),
    };
}
