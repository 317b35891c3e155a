using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Authorization;
using Coursera.Federation.Composition;
using Coursera.Federation.Execution;
using Coursera.Federation.Limits;
using Coursera.Federation.Planning;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Coursera.Federation;

/// <summary>
/// The engine behind the public endpoint: parses a client operation, checks it against the configured
/// <see cref="OperationLimits"/>, validates it against the public schema, plans it (plans are cached per document and
/// operation name), runs the plan and shapes the response. Introspection is answered from the public schema, without
/// asking a subgraph, unless it is turned off.
/// </summary>
public sealed class FederationGateway
{
    private const int MaxCachedPlans = 10_000;

    private static readonly SourceStreamResolver<object> NoStream = new(new Func<IResolveFieldContext, IObservable<object?>>(_ =>
        throw new InvalidOperationException("The gateway's public schema resolves no subscription itself; the owning subgraph streams it.")));

    private readonly Supergraph _supergraph;
    private readonly QueryPlanner _planner;
    private readonly PlanExecutor _executor;
    private readonly ISubgraphTransport _transport;
    private readonly Schema _publicSchema;
    private readonly GraphQLSerializer _serializer = new();
    private readonly ConcurrentDictionary<string, CachedPlan> _plans = new(StringComparer.Ordinal);
    private readonly OperationLimits _limits;
    private readonly OperationAnalyzer _analyzer;
    private readonly IValidationRule[] _validationRules;

    public FederationGateway(Supergraph supergraph, ISubgraphTransport transport)
        : this(supergraph, transport, new FederationGatewayOptions())
    {
    }

    public FederationGateway(Supergraph supergraph, ISubgraphTransport transport, FederationGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(supergraph);
        ArgumentNullException.ThrowIfNull(options);
        _supergraph = supergraph;
        _planner = new QueryPlanner(supergraph);
        _executor = new PlanExecutor(transport, options.SubgraphTimeout);
        _transport = transport;
        _publicSchema = Schema.For(supergraph.PublicSdl, builder =>
        {
            // The public schema only validates and answers introspection; it never resolves an abstract value, but
            // GraphQL.NET refuses a union or interface that could not say which type a value is.
            foreach (var type in supergraph.Types.Values.Where(t => t.IsAbstract && !t.Inaccessible))
            {
                builder.Types.For(type.Name).ResolveType = _ => null!;
            }

            // Likewise a subscription field must have a source stream; the subgraph owning it provides the real one.
            if (supergraph.SubscriptionType is { } subscription)
            {
                foreach (var field in supergraph.Type(subscription).FieldList.Where(f => !f.Inaccessible))
                {
                    builder.Types.For(subscription).FieldFor(field.Name).StreamResolver = NoStream;
                }
            }
        });
        _publicSchema.Initialize();
        _limits = options.Limits ?? OperationLimits.None;
        _analyzer = new OperationAnalyzer(_publicSchema, _limits.DefaultListSize, supergraph); // the cost also feeds OperationAdmission
        _validationRules = options.EnableIntrospection
            ? [.. DocumentValidator.CoreRules]
            : [.. DocumentValidator.CoreRules, NoIntrospectionValidationRule.Instance];
    }

    public Supergraph Supergraph => _supergraph;

    /// <summary>Executes one client request and returns the GraphQL response (<c>errors</c>, <c>data</c>).</summary>
    public Task<JsonObject> ExecuteAsync(string query, string? operationName, JsonObject? variables, CancellationToken cancellationToken) =>
        ExecuteAsync(query, operationName, variables, null, GatewayCaller.Anonymous, cancellationToken);

    /// <summary>
    /// Executes one client request for <paramref name="caller"/> (whom the supergraph's authorization directives are
    /// checked against) once <paramref name="admit"/> accepts its estimated cost (when given), and returns the GraphQL
    /// response (<c>errors</c>, <c>data</c>), or the refusal.
    /// </summary>
    public async Task<JsonObject> ExecuteAsync(string query, string? operationName, JsonObject? variables, OperationAdmission? admit,
        GatewayCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(caller);
        variables ??= [];
        var (plan, refusal, cost) = await PrepareAsync(query, operationName, variables, cancellationToken);
        if (plan is null)
        {
            return refusal!;
        }

        // Omitted variables take their defaults: the projection and the authorization check evaluate @skip/@include
        // with them, and a fetch forwards them rather than leaving each subgraph to repeat the default.
        variables = WithDefaults(plan.Operation, variables);
        if (await plan.Protected.RefusalsAsync(caller, variables, cancellationToken) is { } unauthorized)
        {
            return new JsonObject { ["errors"] = unauthorized };
        }

        if (admit is not null && await admit(cost, cancellationToken) is { } refused)
        {
            return refused;
        }

        var (data, errors) = await _executor.ExecuteAsync(plan, variables, cancellationToken);
        return await RespondAsync(plan, variables, data, errors, cancellationToken);
    }

    /// <summary>
    /// Runs any operation and yields its responses: one per event for a subscription, which the subgraph owning its root
    /// field streams and the gateway completes with the other subgraphs' fields for each event; the single response for
    /// a query or mutation. A refused request yields one response without <c>data</c>. When the subgraph's stream cannot
    /// be opened or breaks, a last response carries the error.
    /// </summary>
    public IAsyncEnumerable<JsonObject> SubscribeAsync(string query, string? operationName, JsonObject? variables, CancellationToken cancellationToken) =>
        SubscribeAsync(query, operationName, variables, GatewayCaller.Anonymous, cancellationToken);

    /// <inheritdoc cref="SubscribeAsync(string, string?, JsonObject?, CancellationToken)"/>
    public async IAsyncEnumerable<JsonObject> SubscribeAsync(string query, string? operationName, JsonObject? variables, GatewayCaller caller,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(caller);
        variables ??= [];
        var (plan, refusal, _) = await PrepareAsync(query, operationName, variables, cancellationToken);
        if (plan is null)
        {
            yield return refusal!;
            yield break;
        }

        variables = WithDefaults(plan.Operation, variables);
        if (await plan.Protected.RefusalsAsync(caller, variables, cancellationToken) is { } unauthorized)
        {
            yield return new JsonObject { ["errors"] = unauthorized };
            yield break;
        }

        if (plan.Operation.Operation != OperationType.Subscription)
        {
            var (data, errors) = await _executor.ExecuteAsync(plan, variables, cancellationToken);
            yield return await RespondAsync(plan, variables, data, errors, cancellationToken);
            yield break;
        }

        var root = plan.Stages[0].Single();
        var events = _transport.SubscribeAsync(root.Subgraph, new SubgraphRequest(root.OperationText, null, PlanExecutor.RequestVariables(root, variables)),
            cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                JsonObject? failure = null;
                try
                {
                    if (!await events.MoveNextAsync())
                    {
                        yield break;
                    }
                }
#pragma warning disable CA1031 // Whatever breaks the subgraph's stream ends the client's with an error, not a dropped socket.
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    failure = StreamFailure(root, e);
                }

                if (failure is not null)
                {
                    yield return failure;
                    yield break;
                }

                if (events.Current is not { } response || !response.ContainsKey("data"))
                {
                    // The subgraph refused the operation: its errors, as a request error of the client's.
                    yield return new JsonObject { ["errors"] = events.Current?["errors"]?.DeepClone() ?? new JsonArray() };
                    yield break;
                }

                var (data, errors) = await _executor.ExecuteAsync(plan, variables, response, cancellationToken);
                yield return await RespondAsync(plan, variables, data, errors, cancellationToken);
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    /// <summary>Parses, limits, validates and plans a request, or says why not (a response without <c>data</c>); with its estimated cost.</summary>
    private async Task<(QueryPlan? Plan, JsonObject? Refusal, double Cost)> PrepareAsync(string query, string? operationName, JsonObject variables,
        CancellationToken cancellationToken)
    {
        var key = operationName + "\n" + query;
        QueryPlan plan;
        double cost;
        if (_plans.TryGetValue(key, out var cached))
        {
            plan = cached.Plan;
            cost = cached.Cost;

            // The document passed the limits when it was planned, but a list size taken from a variable can differ now.
            if (cached.MeasureEachRequest)
            {
                var remeasured = _analyzer.Measure(plan.Document, plan.Operation, variables);
                cost = remeasured.Cost;
                if (Refusal(_limits.Violations(remeasured)) is { } refused)
                {
                    return (null, refused, cost);
                }
            }

            // The document is known good; its variables still need checking.
            if (plan.Operation.Variables is { Items.Count: > 0 } && await ValidateAsync(plan.Document, plan.Operation, variables, cancellationToken) is { } invalidVariables)
            {
                return (null, invalidVariables, cost);
            }
        }
        else
        {
            GraphQLDocument document;
            try
            {
                document = GraphQLParser.Parser.Parse(query);
            }
            catch (GraphQLParserException e)
            {
                return (null, RequestError(e.Description, "GRAPHQL_PARSE_FAILED", new JsonObject { ["line"] = e.Location.Line, ["column"] = e.Location.Column }), 0);
            }

            var operation = OperationSelector.Select(document, operationName);
            if (operation is null)
            {
                return (null, RequestError(operationName is null ? "The document must name the operation to run." : $"Unknown operation '{operationName}'.", "BAD_REQUEST"), 0);
            }

            // Before validation: a document built to be expensive (deep, wide, fragments inside fragments) is refused
            // by one linear walk, before the validator's costlier rules and the planner see it.
            var measure = _analyzer.Measure(document, operation, variables);
            cost = measure.Cost;
            if (Refusal(_limits.Violations(measure)) is { } refused)
            {
                return (null, refused, cost);
            }

            var validation = await ValidateAsync(document, operation, variables, cancellationToken);
            if (validation is not null)
            {
                return (null, validation, 0);
            }

            try
            {
                plan = _planner.Plan(document, operationName);
            }
            catch (InvalidOperationException e)
            {
                // A valid operation the supergraph cannot serve (composition let through what planning cannot route).
                return (null, RequestError(e.Message, "QUERY_PLANNING_FAILED"), 0);
            }

            if (_plans.Count >= MaxCachedPlans)
            {
                _plans.Clear();
            }

            _plans[key] = new CachedPlan(plan, measure.Cost, measure.CostDependsOnVariables);
        }

        return (plan, null, cost);
    }

    /// <summary>The client's response: the fetched data shaped to the client's selection, introspection fields added.</summary>
    private async Task<JsonObject> RespondAsync(QueryPlan plan, JsonObject variables, JsonObject data, JsonArray errors, CancellationToken cancellationToken)
    {
        var gatewayFields = HasIntrospection(plan) ? await IntrospectAsync(plan, variables, cancellationToken) : null;
        var rootType = _supergraph.Type(plan.Operation.Operation switch
        {
            OperationType.Mutation => _supergraph.MutationType!,
            OperationType.Subscription => _supergraph.SubscriptionType!,
            _ => _supergraph.QueryType,
        });
        var projected = new ResponseProjector(_supergraph, plan.Document, variables, errors, gatewayFields).Project(rootType, plan.Operation.SelectionSet, data);
        var response = new JsonObject();
        if (errors.Count > 0)
        {
            response["errors"] = errors;
        }

        response["data"] = projected;
        return response;
    }

    /// <summary>The plan for an operation, for tests and the Development-only plan header.</summary>
    public QueryPlan Plan(string query, string? operationName) => _planner.Plan(GraphQLParser.Parser.Parse(query), operationName);

    private async Task<JsonObject?> ValidateAsync(GraphQLDocument document, GraphQLOperationDefinition operation, JsonObject variables, CancellationToken cancellationToken)
    {
        var inputs = _serializer.ReadNode<Inputs>(JsonSerializer.SerializeToElement(variables)) ?? Inputs.Empty;
        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = _publicSchema,
            Document = document,
            Operation = operation,
            Rules = _validationRules,
            Variables = inputs,
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            RequestServices = null,
            CancellationToken = cancellationToken,
        });
        if (result.IsValid)
        {
            return null;
        }

        var errors = new JsonArray();
        foreach (var error in result.Errors)
        {
            var json = new JsonObject { ["message"] = error.Message };
            if (error.Locations is { Count: > 0 } locations)
            {
                json["locations"] = new JsonArray([.. locations.Select(l => (JsonNode)new JsonObject { ["line"] = l.Line, ["column"] = l.Column })]);
            }

            json["extensions"] = new JsonObject { ["code"] = error is InvalidVariableError ? "BAD_USER_INPUT" : "GRAPHQL_VALIDATION_FAILED" };
            errors.Add(json);
        }

        return new JsonObject { ["errors"] = errors };
    }

    /// <summary>A request error with one error per exceeded limit, or null when there is none.</summary>
    private static JsonObject? Refusal(List<(string Code, string Message)> violations)
    {
        if (violations.Count == 0)
        {
            return null;
        }

        var errors = new JsonArray();
        foreach (var (code, message) in violations)
        {
            errors.Add(new JsonObject { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = code } });
        }

        return new JsonObject { ["errors"] = errors };
    }

    private static bool HasIntrospection(QueryPlan plan) => IntrospectionOnly(plan.Operation.SelectionSet, Fragments(plan.Document)) is not null;

    private static Dictionary<string, GraphQLFragmentDefinition> Fragments(GraphQLDocument document) =>
        document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);

    /// <summary>
    /// The root selection cut down to its introspection fields, also inside root fragments (spreads become inline
    /// fragments, with their directives), or null when there are none.
    /// </summary>
    private static GraphQLSelectionSet? IntrospectionOnly(GraphQLSelectionSet selectionSet, Dictionary<string, GraphQLFragmentDefinition> fragments)
    {
        var kept = new List<ASTNode>();
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case GraphQLField field when field.Name.StringValue is "__schema" or "__type":
                    kept.Add(field);
                    break;
                case GraphQLInlineFragment inline when IntrospectionOnly(inline.SelectionSet, fragments) is { } inner:
                    kept.Add(new GraphQLInlineFragment(inner) { TypeCondition = inline.TypeCondition, Directives = inline.Directives });
                    break;
                case GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                    && IntrospectionOnly(fragment.SelectionSet, fragments) is { } inner:
                    kept.Add(new GraphQLInlineFragment(inner) { TypeCondition = fragment.TypeCondition, Directives = spread.Directives });
                    break;
            }
        }

        return kept.Count == 0 ? null : new GraphQLSelectionSet(kept);
    }

    /// <summary>
    /// Runs the operation's introspection root fields (<c>__schema</c>, <c>__type</c>) against the public schema.
    /// Only those: the public schema has no resolvers, so a non-null data field there would null the whole result.
    /// </summary>
    private async Task<JsonObject?> IntrospectAsync(QueryPlan plan, JsonObject variables, CancellationToken cancellationToken)
    {
        var introspection = new GraphQLOperationDefinition(IntrospectionOnly(plan.Operation.SelectionSet, Fragments(plan.Document))!)
        {
            Operation = OperationType.Query,
            Variables = plan.Operation.Variables,
        };
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = _publicSchema,
            Document = new GraphQLDocument([introspection, .. plan.Document.Definitions.OfType<GraphQLFragmentDefinition>()]),
            Variables = _serializer.ReadNode<Inputs>(JsonSerializer.SerializeToElement(variables)),
            // Validated already, as part of the client's document; unused fragments and variables are fine here.
            ValidationRules = [],
            CancellationToken = cancellationToken,
        });
        return JsonNode.Parse(_serializer.Serialize(result))?["data"] as JsonObject;
    }

    private static JsonObject WithDefaults(GraphQLOperationDefinition operation, JsonObject variables)
    {
        if (operation.Variables?.Items.Any(v => v.DefaultValue is not null && !variables.ContainsKey(v.Variable.Name.StringValue)) != true)
        {
            return variables;
        }

        var effective = (JsonObject)variables.DeepClone();
        foreach (var definition in operation.Variables.Items.Where(v => v.DefaultValue is not null))
        {
            var name = definition.Variable.Name.StringValue;
            if (!effective.ContainsKey(name))
            {
                effective[name] = ToJson(definition.DefaultValue!);
            }
        }

        return effective;
    }

    /// <summary>A constant GraphQL value (a variable's default) as JSON.</summary>
    private static JsonNode? ToJson(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLTrueBooleanValue => true,
        GraphQLFalseBooleanValue => false,
        GraphQLIntValue i => JsonNode.Parse(i.Value.ToString()),
        GraphQLFloatValue f => JsonNode.Parse(f.Value.ToString()),
        GraphQLStringValue s => s.Value.ToString(),
        GraphQLEnumValue e => e.Name.StringValue,
        GraphQLListValue list => new JsonArray([.. (list.Values ?? []).Select(ToJson)]),
        GraphQLObjectValue obj => new JsonObject((obj.Fields ?? []).Select(f => KeyValuePair.Create(f.Name.StringValue, ToJson(f.Value)))),
        _ => null,
    };

    private static JsonObject StreamFailure(PlannedFetch root, Exception exception)
    {
        var message = exception is NotSupportedException
            ? $"Subscriptions to the {root.Subgraph} subgraph are not available through this gateway."
            : $"The {root.Subgraph} subgraph's subscription stream could not be opened or broke off.";
        var field = root.RootSelection?.Fields.FirstOrDefault()?.ResponseName;
        var error = new JsonObject { ["message"] = message };
        if (field is not null)
        {
            error["path"] = new JsonArray(field);
        }

        error["extensions"] = new JsonObject { ["code"] = "SUBREQUEST_FAILED", ["service"] = root.Subgraph };
        return new JsonObject { ["errors"] = new JsonArray(error), ["data"] = null };
    }

    private static JsonObject RequestError(string message, string code, JsonObject? location = null)
    {
        var error = new JsonObject { ["message"] = message };
        if (location is not null)
        {
            error["locations"] = new JsonArray(location);
        }

        error["extensions"] = new JsonObject { ["code"] = code };
        return new JsonObject { ["errors"] = new JsonArray(error) };
    }

    /// <param name="Cost">The estimated cost, when it does not depend on the variables.</param>
    /// <param name="MeasureEachRequest">The operation's cost depends on its variables, so each request is measured again.</param>
    private sealed record CachedPlan(QueryPlan Plan, double Cost, bool MeasureEachRequest);
}
