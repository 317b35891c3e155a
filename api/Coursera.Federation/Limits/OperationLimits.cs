namespace Coursera.Federation.Limits;

/// <summary>
/// What one client operation may ask of the federation, checked on the document before it is validated or planned,
/// so a refused operation costs no more than its parse. Zero turns a limit off; <see cref="None"/> turns all off.
/// </summary>
public sealed record OperationLimits
{
    public static OperationLimits None { get; } = new();

    /// <summary>Deepest chain of nested fields; <c>{ a { b } }</c> is 2 deep. Fragments add no depth of their own.</summary>
    public int MaxDepth { get; init; }

    /// <summary>Largest static cost estimate (see <see cref="OperationCost"/>).</summary>
    public int MaxCost { get; init; }

    /// <summary>Most aliased fields, counted as the operation expands (a fragment spread twice counts twice).</summary>
    public int MaxAliases { get; init; }

    /// <summary>Most fields in the root selection (each usually a separate subgraph fetch).</summary>
    public int MaxRootFields { get; init; }

    /// <summary>How many items the cost estimate assumes for a list whose size no <c>first</c>/<c>last</c> argument gives.</summary>
    public int DefaultListSize { get; init; } = 10;

    internal bool Any => MaxDepth > 0 || MaxCost > 0 || MaxAliases > 0 || MaxRootFields > 0;

    /// <summary>Every limit the operation exceeds, as (<c>extensions.code</c>, message); empty when it may run.</summary>
    internal List<(string Code, string Message)> Violations(OperationMeasure measure)
    {
        var violations = new List<(string Code, string Message)>();
        if (MaxDepth > 0 && measure.Depth > MaxDepth)
        {
            violations.Add((OperationLimitCodes.DepthLimitExceeded,
                $"The operation nests fields {measure.Depth} deep; this endpoint allows at most {MaxDepth}."));
        }

        if (MaxRootFields > 0 && measure.RootFields > MaxRootFields)
        {
            violations.Add((OperationLimitCodes.RootFieldLimitExceeded,
                $"The operation selects {Count(measure.RootFields)} root fields; this endpoint allows at most {MaxRootFields}."));
        }

        if (MaxAliases > 0 && measure.Aliases > MaxAliases)
        {
            violations.Add((OperationLimitCodes.AliasLimitExceeded,
                $"The operation uses {Count(measure.Aliases)} aliases; this endpoint allows at most {MaxAliases}."));
        }

        if (MaxCost > 0 && measure.Cost > MaxCost)
        {
            violations.Add((OperationLimitCodes.CostLimitExceeded,
                $"The operation's estimated cost is {Count(measure.Cost)}; this endpoint allows at most {MaxCost}. Each field costs 1 (or the weight "
                + $"the schema gives it) and a list counts its selection once per item (first/last or the list's own bounding arguments, else "
                + $"{DefaultListSize} or the size the schema assumes): ask for fewer items or fewer nested lists."));
        }

        return violations;
    }

    /// <summary>A count for a message: exact while it is readable, in scientific notation once fragments blew it up.</summary>
    private static string Count(double value) =>
        value.ToString(value < 1e15 ? "0" : "0.##E+0", System.Globalization.CultureInfo.InvariantCulture);
}
