namespace Coursera.Federation.Composition;

/// <summary>
/// <c>@listSize</c> on a field (Federation v2.9, the IBM cost specification): how many items the cost estimate assumes
/// it returns. <see cref="SlicingArguments"/> name the arguments that bound it (instead of <c>first</c>/<c>last</c>);
/// without one of them given, <see cref="AssumedSize"/> (else the gateway's default list size). On a field that is not
/// a list (a connection), the size goes to its <see cref="SizedFields"/> (all its list fields when null).
/// </summary>
public sealed record ListSize(int? AssumedSize, IReadOnlyList<string> SlicingArguments, IReadOnlyList<string>? SizedFields);
