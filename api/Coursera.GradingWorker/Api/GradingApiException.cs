namespace Coursera.GradingWorker.Api;

/// <summary>The platform refused or could not answer a call (GraphQL errors, a user error, a refused token).</summary>
public sealed class GradingApiException : Exception
{
    public GradingApiException()
    {
    }

    public GradingApiException(string message) : base(message)
    {
    }

    public GradingApiException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
