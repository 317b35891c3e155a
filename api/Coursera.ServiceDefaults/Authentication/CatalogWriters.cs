namespace Coursera.ServiceDefaults.Authentication;

/// <summary>
/// Who may change a partner's courses, in any service that holds part of them (the catalog's content, the assessment
/// service's quizzes): its administrators and instructors, its API clients, and platform administrators, each with a
/// token holding <c>catalog:write</c>. The scope matters for users too: a partner administrator who lets some other
/// application read their profile has not let it change their courses.
/// </summary>
public static class CatalogWriters
{
    public const string Scope = "catalog:write";

    public static bool Includes(Caller caller, Guid partnerId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.HasScope(Scope) && (caller.IsPlatformAdmin || IsStaff(caller, partnerId) || caller.IsClientOf(partnerId, Scope));
    }

    /// <summary>The partner's administrators and instructors (whatever their token's scopes).</summary>
    public static bool IsStaff(Caller caller, Guid partnerId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.HasRole(partnerId, "partner_admin") || caller.HasRole(partnerId, "instructor");
    }
}
