using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Errors;

namespace Coursera.Assessment.Programming;

/// <summary>
/// Who may take grading jobs: API clients holding <c>grading:work</c>. The platform's own workers (a client of the
/// platform, no partner) take every job; a partner's client only the jobs of its courses, so a partner can run the
/// graders of its assignments itself.
/// </summary>
public static class GradingWorkers
{
    public const string Scope = "grading:work";

    /// <summary>The partners whose jobs the caller may take; null for all of them.</summary>
    public static IReadOnlySet<Guid>? Ensure(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            throw GraphQLErrors.Unauthenticated("Grading workers use an API client's token with grading:work.");
        }

        if (!caller.IsApiClient || !caller.HasScope(Scope) || caller.Organizations.Count > 0)
        {
            throw GraphQLErrors.Forbidden("Only API clients with grading:work take grading jobs.");
        }

        return caller.Partners.Count > 0 ? caller.Partners : null;
    }
}
