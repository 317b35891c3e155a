namespace Coursera.Sdk.Webhooks;

/// <summary>
/// A webhook that must not be trusted: a header missing, a timestamp too old or in the future, or no signature that
/// matches. Answer it with 400 (or 401) and do not act on it.
/// </summary>
public sealed class WebhookVerificationException : Exception
{
    /// <summary>A refusal with the default message.</summary>
    public WebhookVerificationException()
        : base("The webhook could not be verified.")
    {
    }

    /// <summary>A refusal saying why.</summary>
    /// <param name="message">Why the webhook is refused.</param>
    public WebhookVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>A refusal saying why, caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">Why the webhook is refused.</param>
    /// <param name="innerException">The failure that caused it.</param>
    public WebhookVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
