namespace Coursera.Billing.Model;

public enum OrderState
{
    /// <summary>A checkout was started; nothing is paid.</summary>
    Pending,

    /// <summary>Stripe said it is paid: the entitlement is granted.</summary>
    Paid,

    /// <summary>Refunded in full: the entitlement is revoked.</summary>
    Refunded,
}
