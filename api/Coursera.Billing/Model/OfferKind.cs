namespace Coursera.Billing.Model;

public enum OfferKind
{
    /// <summary>One course's certificate (the PAID track), paid once.</summary>
    CourseCertificate,
}
