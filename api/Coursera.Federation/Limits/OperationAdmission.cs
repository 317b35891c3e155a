using System.Text.Json.Nodes;

namespace Coursera.Federation.Limits;

/// <summary>
/// Asked once an operation has passed the limits, validation and planning, with its estimated cost (see
/// <see cref="OperationAnalyzer"/>), before anything is fetched: null lets it run, a response without <c>data</c>
/// refuses it (the public edge's per-caller cost budget).
/// </summary>
public delegate ValueTask<JsonObject?> OperationAdmission(double cost, CancellationToken cancellationToken);
