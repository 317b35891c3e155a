namespace Coursera.Identity.Model;

/// <summary>Who a tenant is: the platform itself, a partner university, or an enterprise organization.</summary>
public enum TenantKind
{
    Platform,
    Partner,
    Organization,
}
