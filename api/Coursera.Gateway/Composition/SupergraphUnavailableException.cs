namespace Coursera.Gateway.Composition;

/// <summary>
/// Nothing to serve: no composition has succeeded yet. Requests get <see cref="GatewayErrorCodes.SupergraphUnavailable"/>
/// with 503 (<see cref="SupergraphUnavailableHandler"/>); at start-up it is what stops the process, errors and all.
/// </summary>
public sealed class SupergraphUnavailableException(SupergraphFailure failure) : Exception("No supergraph to serve. " + failure)
{
    public SupergraphFailure Failure { get; } = failure;
}
