namespace Coursera.Federation.Limits;

/// <summary>
/// What <see cref="OperationAnalyzer"/> found in one operation. Counts are doubles because fragments spread inside
/// fragments grow them exponentially: they saturate instead of wrapping around.
/// </summary>
/// <param name="CostDependsOnVariables">A list size came from a variable: the same document can cost more next time.</param>
internal readonly record struct OperationMeasure(int Depth, double Aliases, double RootFields, double Cost, bool CostDependsOnVariables);
