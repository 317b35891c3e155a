using System.Text.Json.Nodes;
using Coursera.Federation.Planning;

namespace Coursera.Federation.Execution;

/// <summary>
/// Runs a plan stage by stage (the fetches of a stage in parallel), folds every subgraph result into one response
/// tree, and rewrites subgraph error paths to the client's paths. A failed fetch costs only what depends on it.
/// </summary>
public sealed class PlanExecutor(ISubgraphTransport transport)
{
    public async Task<(JsonObject Data, JsonArray Errors)> ExecuteAsync(QueryPlan plan, JsonObject variables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(variables);
        var run = new Run(transport, variables, cancellationToken);
        foreach (var stage in plan.Stages)
        {
            await Task.WhenAll(stage.Select(run.FetchAsync));
        }

        return (run.Data, run.Errors);
    }

    private sealed class Run(ISubgraphTransport transport, JsonObject variables, CancellationToken cancellationToken)
    {
        private readonly Lock _tree = new();

        public JsonObject Data { get; } = [];

        public JsonArray Errors { get; } = [];

        public async Task FetchAsync(PlannedFetch fetch)
        {
            var requestVariables = new JsonObject();
            foreach (var name in fetch.Variables)
            {
                if (variables.TryGetPropertyValue(name, out var value))
                {
                    requestVariables[name] = value?.DeepClone();
                }
            }

            var targets = new List<List<List<(JsonObject Object, JsonArray Path)>>>();
            lock (_tree)
            {
                foreach (var part in fetch.Entities)
                {
                    var (representations, objects) = Representations(part);
                    requestVariables[part.RepresentationsVariable] = representations;
                    targets.Add(objects);
                }
            }

            if (fetch.IsEntityFetch && targets.All(t => t.Count == 0))
            {
                return; // nothing reached this path: no request
            }

            JsonObject response;
            try
            {
                response = await transport.ExecuteAsync(fetch.Subgraph, new SubgraphRequest(fetch.OperationText, null, requestVariables), cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException or IOException && !cancellationToken.IsCancellationRequested)
            {
                AddError($"The {fetch.Subgraph} subgraph could not be reached.", null, "SUBREQUEST_FAILED");
                return;
            }

            lock (_tree)
            {
                if (!fetch.IsEntityFetch)
                {
                    if (response["data"] is JsonObject data)
                    {
                        ResponseTree.Merge(Data, data);
                    }

                    foreach (var error in response["errors"] as JsonArray ?? [])
                    {
                        Errors.Add(error?.DeepClone());
                    }

                    return;
                }

                for (var p = 0; p < fetch.Entities.Count; p++)
                {
                    var part = fetch.Entities[p];
                    if (response["data"]?[part.Alias] is JsonArray results)
                    {
                        for (var i = 0; i < results.Count && i < targets[p].Count; i++)
                        {
                            if (results[i] is not JsonObject result)
                            {
                                continue;
                            }

                            var owners = targets[p][i];
                            for (var o = 0; o < owners.Count; o++)
                            {
                                ResponseTree.Merge(owners[o].Object, o == owners.Count - 1 ? result : (JsonObject)result.DeepClone());
                            }
                        }
                    }
                }

                foreach (var error in response["errors"] as JsonArray ?? [])
                {
                    RewriteEntityError(fetch, targets, error as JsonObject);
                }
            }
        }

        /// <summary>One representation per distinct object (same type, key and required values are sent once).</summary>
        private (JsonArray Representations, List<List<(JsonObject, JsonArray)>> Owners) Representations(EntityFetchPart part)
        {
            var representations = new JsonArray();
            var owners = new List<List<(JsonObject, JsonArray)>>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (obj, path) in ResponseTree.Collect(Data, part.Path))
            {
                if (obj["__typename"] is JsonValue typename && typename.GetValue<string>() != part.Type.Name)
                {
                    continue;
                }

                var representation = new JsonObject { ["__typename"] = part.Type.Name };
                if (!Fill(representation, obj, part.Representation))
                {
                    continue; // a key field is missing or null: this object cannot be resolved
                }

                var text = representation.ToJsonString();
                if (!index.TryGetValue(text, out var i))
                {
                    i = representations.Count;
                    index.Add(text, i);
                    representations.Add(representation);
                    owners.Add([]);
                }

                owners[i].Add((obj, path));
            }

            return (representations, owners);
        }

        private static bool Fill(JsonObject representation, JsonObject source, RepresentationShape shape)
        {
            foreach (var field in shape.Fields)
            {
                var value = source[field.ResponseName];
                if (field.Nested.Fields.Count == 0)
                {
                    representation[field.Name] = value?.DeepClone();
                    continue;
                }

                switch (value)
                {
                    case JsonObject nested:
                        var inner = new JsonObject();
                        if (!Fill(inner, nested, field.Nested))
                        {
                            return false;
                        }

                        representation[field.Name] = inner;
                        break;
                    case JsonArray list:
                        var items = new JsonArray();
                        foreach (var item in list)
                        {
                            var innerItem = new JsonObject();
                            if (item is not JsonObject itemObject || !Fill(innerItem, itemObject, field.Nested))
                            {
                                return false;
                            }

                            items.Add(innerItem);
                        }

                        representation[field.Name] = items;
                        break;
                    default:
                        representation[field.Name] = null;
                        break;
                }
            }

            return true;
        }

        /// <summary>An error at <c>["_entities", i, ...rest]</c> belongs to every object behind representation i.</summary>
        private void RewriteEntityError(PlannedFetch fetch, List<List<List<(JsonObject Object, JsonArray Path)>>> targets, JsonObject? error)
        {
            if (error is null)
            {
                return;
            }

            if (error["path"] is JsonArray { Count: >= 2 } path && path[0]?.GetValue<string>() is { } alias
                && fetch.Entities.Select((p, i) => (p, i)).FirstOrDefault(x => x.p.Alias == alias) is { p: not null } match
                && path[1] is JsonValue indexValue && indexValue.TryGetValue<int>(out var index) && index < targets[match.i].Count)
            {
                foreach (var (_, objectPath) in targets[match.i][index])
                {
                    var rewritten = (JsonObject)error.DeepClone();
                    rewritten["path"] = new JsonArray([.. objectPath.Select(s => s!.DeepClone()), .. path.Skip(2).Select(s => s!.DeepClone())]);
                    Errors.Add(rewritten);
                }

                return;
            }

            var copy = (JsonObject)error.DeepClone();
            copy.Remove("path");
            Errors.Add(copy);
        }

        private void AddError(string message, JsonArray? path, string code)
        {
            lock (_tree)
            {
                var error = new JsonObject { ["message"] = message };
                if (path is not null)
                {
                    error["path"] = path;
                }

                error["extensions"] = new JsonObject { ["code"] = code };
                Errors.Add(error);
            }
        }
    }
}
