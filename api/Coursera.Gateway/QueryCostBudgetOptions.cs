namespace Coursera.Gateway;

/// <summary>
/// Each caller's budget of query cost (Shopify-style leaky bucket), bound from <c>Gateway:CostBudget</c>: an operation's
/// estimated cost (<see cref="GatewayOptions.MaxCost"/>'s measure) is taken from a bucket of
/// <see cref="MaximumAvailable"/> that refills by <see cref="RestoreRate"/> a second. The defaults let a caller spend
/// about 1.2 million a minute (the federation benchmark's query costs about 103,000; a course page a few hundred).
/// </summary>
public sealed class QueryCostBudgetOptions
{
    /// <summary>The bucket's size: the most a caller can spend at once. At least <see cref="GatewayOptions.MaxCost"/>.</summary>
    public int MaximumAvailable { get; set; } = 2_000_000;

    /// <summary>Cost restored to the bucket each second; 0 turns the budget off.</summary>
    public int RestoreRate { get; set; } = 20_000;
}
