namespace Coursera.Billing.Model;

public enum OrderState
{
    /// <summary>A checkout was started; nothing is paid.</summary>
    Pending,

    /// <summary>Paid by a delayed method (a SEPA or ACH debit): the bank answers in days; nothing is granted yet.</summary>
    Processing,

    /// <summary>A delayed payment the bank refused: nothing was taken, and a new checkout may be started.</summary>
    Failed,

    /// <summary>Stripe said it is paid: the entitlement is granted.</summary>
    Paid,

    /// <summary>The learner's bank disputes the payment: access is suspended until the dispute is decided (won: PAID again).</summary>
    Disputed,

    /// <summary>The dispute was lost: the money went back through the bank, the access and the certificate earned with it are revoked.</summary>
    ChargedBack,

    /// <summary>A pass whose months are over: its access ended.</summary>
    Expired,

    /// <summary>Refunded in full: the entitlement is revoked.</summary>
    Refunded,
}
