namespace Coursera.Federation.Limits;

/// <summary>
/// The <c>extensions.code</c> of an operation refused by <see cref="OperationLimits"/>: one code per limit, so a client
/// can tell which one it hit without parsing the message.
/// </summary>
public static class OperationLimitCodes
{
    public const string DepthLimitExceeded = "DEPTH_LIMIT_EXCEEDED";
    public const string CostLimitExceeded = "COST_LIMIT_EXCEEDED";
    public const string AliasLimitExceeded = "ALIAS_LIMIT_EXCEEDED";
    public const string RootFieldLimitExceeded = "ROOT_FIELD_LIMIT_EXCEEDED";
}
