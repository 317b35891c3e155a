using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Planning;

namespace Coursera.Federation.Execution;

/// <summary>
/// Runs a plan stage by stage (the fetches of a stage in parallel), folds every subgraph result into one response
/// tree, and rewrites subgraph error paths to the client's paths. A failed fetch costs only what depends on it.
/// </summary>
public sealed class PlanExecutor(ISubgraphTransport transport, TimeSpan? subgraphTimeout = null)
{
    /// <param name="variables">The request's variables with the operation's defaults applied.</param>
    public async Task<(JsonObject Data, JsonArray Errors)> ExecuteAsync(QueryPlan plan, JsonObject variables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(variables);
        var run = new Run(transport, subgraphTimeout, variables, cancellationToken);
        foreach (var stage in plan.Stages)
        {
            await Task.WhenAll(stage.Select(run.FetchAsync));
        }

        return (run.Data, run.Errors);
    }

    /// <summary>
    /// Runs a subscription's plan for one event: <paramref name="rootResponse"/>, the owning subgraph's response for
    /// the event, takes the place of the plan's first stage (its one root fetch), and the later stages fetch what other
    /// subgraphs contribute to it.
    /// </summary>
    public async Task<(JsonObject Data, JsonArray Errors)> ExecuteAsync(QueryPlan plan, JsonObject variables, JsonObject rootResponse,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(rootResponse);
        var run = new Run(transport, subgraphTimeout, variables, cancellationToken);
        run.Accept(plan.Stages[0].Single(), rootResponse, []);
        foreach (var stage in plan.Stages.Skip(1))
        {
            await Task.WhenAll(stage.Select(run.FetchAsync));
        }

        return (run.Data, run.Errors);
    }

    /// <summary>The client's variables a fetch forwards to its subgraph.</summary>
    public static JsonObject RequestVariables(PlannedFetch fetch, JsonObject variables)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(variables);
        var requestVariables = new JsonObject();
        foreach (var name in fetch.Variables)
        {
            if (variables.TryGetPropertyValue(name, out var value))
            {
                requestVariables[name] = value?.DeepClone();
            }
        }

        return requestVariables;
    }

    private sealed class Run(ISubgraphTransport transport, TimeSpan? timeout, JsonObject variables, CancellationToken cancellationToken)
    {
        private readonly Lock _tree = new();

        public JsonObject Data { get; } = [];

        public JsonArray Errors { get; } = [];

        public async Task FetchAsync(PlannedFetch fetch)
        {
            if (fetch.RootSelection is { } rootSelection && !rootSelection.IsIncludedUnder(variables))
            {
                return; // every root field of this fetch is skipped
            }

            var requestVariables = RequestVariables(fetch, variables);

            var targets = new List<List<List<JsonObject>>>();
            lock (_tree)
            {
                foreach (var part in fetch.Entities)
                {
                    // A part whose whole selection is skipped still needs its variable, but no representations.
                    var (representations, objects) = part.Selection.IsIncludedUnder(variables) ? Representations(part) : ([], []);
                    requestVariables[part.RepresentationsVariable] = representations;
                    targets.Add(objects);
                }
            }

            if (fetch.IsEntityFetch && targets.All(t => t.Count == 0))
            {
                return; // nothing reached these paths, or nothing there is wanted: no request
            }

            JsonObject response;
            using var deadline = timeout is { } limit ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
            deadline?.CancelAfter(timeout!.Value);
            try
            {
                response = await transport.ExecuteAsync(fetch.Subgraph, new SubgraphRequest(fetch.OperationText, null, requestVariables),
                    deadline?.Token ?? cancellationToken);
            }
#pragma warning disable CA1031 // Whatever goes wrong with one subgraph must cost only its part of the response.
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                var timedOut = e is OperationCanceledException or TimeoutException;
                Fail(fetch, targets, timedOut
                    ? $"The {fetch.Subgraph} subgraph did not answer in time."
                    : $"The {fetch.Subgraph} subgraph could not be reached.");
                return;
            }

            Accept(fetch, response, targets);
        }

        /// <summary>Folds a fetch's response into the tree; <paramref name="targets"/> are the objects behind each representation.</summary>
        public void Accept(PlannedFetch fetch, JsonObject response, List<List<List<JsonObject>>> targets)
        {
            lock (_tree)
            {
                if (!fetch.IsEntityFetch)
                {
                    if (response["data"] is JsonObject data)
                    {
                        ResponseTree.Merge(Data, data);
                    }

                    // A root fetch uses the client's response names, so its error paths are already the client's.
                    foreach (var error in response["errors"] as JsonArray ?? [])
                    {
                        if (error is JsonObject errorObject)
                        {
                            Errors.Add(SubgraphError(errorObject, errorObject["path"]?.DeepClone()));
                        }
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
                                ResponseTree.Merge(owners[o], o == owners.Count - 1 ? result : (JsonObject)result.DeepClone());
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
        private (JsonArray Representations, List<List<JsonObject>> Owners) Representations(EntityFetchPart part)
        {
            var representations = new JsonArray();
            var owners = new List<List<JsonObject>>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var key = new ArrayBufferWriter<byte>(256);
            using var keyWriter = new Utf8JsonWriter(key);
            foreach (var obj in ResponseTree.Collect(Data, part.Path))
            {
                if (ResponseTree.TypeName(obj) is { } typename && typename != part.Type.Name)
                {
                    continue;
                }

                // The representation's JSON is its identity: written without building it first, since most objects
                // repeat one already seen, and only a new one becomes a node of the request.
                key.ResetWrittenCount();
                keyWriter.Reset(key);
                if (!WriteRepresentation(keyWriter, obj, part))
                {
                    continue; // a key field is missing: this object cannot be resolved
                }

                keyWriter.Flush();
                var text = Encoding.UTF8.GetString(key.WrittenSpan);
                if (!index.TryGetValue(text, out var i))
                {
                    var representation = new JsonObject { ["__typename"] = part.Type.Name };
                    Fill(representation, obj, part.Representation);
                    i = representations.Count;
                    index.Add(text, i);
                    representations.Add(representation);
                    owners.Add([]);
                }

                owners[i].Add(obj);
            }

            return (representations, owners);
        }

        private static bool WriteRepresentation(Utf8JsonWriter writer, JsonObject source, EntityFetchPart part)
        {
            writer.WriteStartObject();
            writer.WriteString("__typename", part.Type.Name);
            if (!WriteFields(writer, source, part.Representation))
            {
                return false;
            }

            writer.WriteEndObject();
            return true;
        }

        /// <summary>Writes what <see cref="Fill"/> builds; false where Fill would fail.</summary>
        private static bool WriteFields(Utf8JsonWriter writer, JsonObject source, RepresentationShape shape)
        {
            foreach (var field in shape.Fields)
            {
                if (!source.TryGetPropertyValue(field.ResponseName, out var value))
                {
                    return false;
                }

                writer.WritePropertyName(field.Name);
                if (field.Nested.Fields.Count == 0)
                {
                    if (value is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        value.WriteTo(writer);
                    }

                    continue;
                }

                switch (value)
                {
                    case JsonObject nested:
                        writer.WriteStartObject();
                        if (!WriteFields(writer, nested, field.Nested))
                        {
                            return false;
                        }

                        writer.WriteEndObject();
                        break;
                    case JsonArray list:
                        writer.WriteStartArray();
                        foreach (var item in list)
                        {
                            if (item is not JsonObject itemObject)
                            {
                                return false;
                            }

                            writer.WriteStartObject();
                            if (!WriteFields(writer, itemObject, field.Nested))
                            {
                                return false;
                            }

                            writer.WriteEndObject();
                        }

                        writer.WriteEndArray();
                        break;
                    default:
                        writer.WriteNullValue();
                        break;
                }
            }

            return true;
        }

        private static bool Fill(JsonObject representation, JsonObject source, RepresentationShape shape)
        {
            foreach (var field in shape.Fields)
            {
                if (!source.TryGetPropertyValue(field.ResponseName, out var value))
                {
                    return false; // not fetched: the fetch that should have brought it failed
                }

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
        private void RewriteEntityError(PlannedFetch fetch, List<List<List<JsonObject>>> targets, JsonObject? error)
        {
            if (error is null)
            {
                return;
            }

            if (error["path"] is JsonArray { Count: >= 2 } path && path[0] is JsonValue aliasValue && aliasValue.TryGetValue<string>(out var alias)
                && fetch.Entities.Select((p, i) => (p, i)).FirstOrDefault(x => x.p.Alias == alias) is { p: not null } match
                && path[1] is JsonValue indexValue && indexValue.TryGetValue<int>(out var index) && index >= 0 && index < targets[match.i].Count)
            {
                foreach (var owner in targets[match.i][index])
                {
                    Errors.Add(SubgraphError(error, ResponseTree.PathOf(Data, owner, path.Skip(2).Select(s => s?.DeepClone()))));
                }

                return;
            }

            Errors.Add(SubgraphError(error, null));
        }

        /// <summary>
        /// A subgraph's error as the client sees it: its path rewritten (or dropped when it means nothing to the client),
        /// and no <c>locations</c>, which point into the gateway's subgraph operation, not into the client's document.
        /// </summary>
        private static JsonObject SubgraphError(JsonObject error, JsonNode? path)
        {
            var copy = new JsonObject();
            foreach (var (name, value) in error)
            {
                switch (name)
                {
                    case "locations":
                        break;
                    case "path":
                        if (path is not null)
                        {
                            copy["path"] = path;
                        }

                        break;
                    default:
                        copy[name] = value?.DeepClone();
                        break;
                }
            }

            return copy;
        }

        /// <summary>
        /// A fetch that failed as a whole: one error per root field it would have resolved, or, for an entity fetch,
        /// one per entity selection at the nearest path common to the objects it would have completed.
        /// </summary>
        private void Fail(PlannedFetch fetch, List<List<List<JsonObject>>> targets, string message)
        {
            lock (_tree)
            {
                if (fetch.RootSelection is { } root)
                {
                    foreach (var field in root.Fields.Where(f => f.IsIncludedUnder(variables)))
                    {
                        Errors.Add(FetchError(message, fetch.Subgraph, new JsonArray(field.ResponseName)));
                    }

                    return;
                }

                foreach (var objects in targets.Where(t => t.Count > 0))
                {
                    var paths = objects.SelectMany(o => o).Select(o => ResponseTree.PathOf(Data, o) ?? []).ToList();
                    var common = paths[0].Select(s => s!.DeepClone()).ToList();
                    foreach (var other in paths.Skip(1))
                    {
                        var length = 0;
                        while (length < common.Count && length < other.Count && JsonNode.DeepEquals(common[length], other[length]))
                        {
                            length++;
                        }

                        common.RemoveRange(length, common.Count - length);
                    }

                    Errors.Add(FetchError(message, fetch.Subgraph, common.Count == 0 ? null : new JsonArray([.. common])));
                }
            }
        }

        private static JsonObject FetchError(string message, string subgraph, JsonArray? path)
        {
            var error = new JsonObject { ["message"] = message };
            if (path is not null)
            {
                error["path"] = path;
            }

            error["extensions"] = new JsonObject { ["code"] = "SUBREQUEST_FAILED", ["service"] = subgraph };
            return error;
        }
    }
}
