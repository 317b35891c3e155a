namespace Coursera.Billing.Model;

public enum OfferKind
{
    /// <summary>One course's certificate (the PAID track), paid once.</summary>
    CourseCertificate,

    /// <summary>Every course of a specialization on the PAID track, paid monthly, with a free trial once per learner.</summary>
    SpecializationSubscription,

    /// <summary>Coursera Plus: every course of the catalog on the PAID track, paid monthly or yearly, with a free trial once per learner.</summary>
    CatalogSubscription,

    /// <summary>
    /// Every course of the catalog for a fixed 1, 3 or 6 months, paid once: for where recurring card payments are
    /// restricted (India's e-mandate rules, say), as Coursera sells them.
    /// </summary>
    CatalogPass,
}
