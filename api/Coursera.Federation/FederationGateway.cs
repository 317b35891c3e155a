using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Composition;
using Coursera.Federation.Execution;
using Coursera.Federation.Planning;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Coursera.Federation;

/// <summary>
/// The engine behind the public endpoint: parses and validates a client operation against the public schema,
/// plans it (plans are cached per document and operation name), runs the plan and shapes the response. Introspection
/// is answered from the public schema, without asking a subgraph.
/// </summary>
public sealed class FederationGateway
{
    private const int MaxCachedPlans = 10_000;

    private readonly Supergraph _supergraph;
    private readonly QueryPlanner _planner;
    private readonly PlanExecutor _executor;
    private readonly Schema _publicSchema;
    private readonly GraphQLSerializer _serializer = new();
    private readonly ConcurrentDictionary<string, QueryPlan> _plans = new(StringComparer.Ordinal);

    public FederationGateway(Supergraph supergraph, ISubgraphTransport transport)
    {
        ArgumentNullException.ThrowIfNull(supergraph);
        _supergraph = supergraph;
        _planner = new QueryPlanner(supergraph);
        _executor = new PlanExecutor(transport);
        _publicSchema = Schema.For(supergraph.PublicSdl);
        _publicSchema.Initialize();
    }

    public Supergraph Supergraph => _supergraph;

    /// <summary>Executes one client request and returns the GraphQL response (<c>errors</c>, <c>data</c>).</summary>
    public async Task<JsonObject> ExecuteAsync(string query, string? operationName, JsonObject? variables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        variables ??= [];
        var key = operationName + "\n" + query;
        if (!_plans.TryGetValue(key, out var plan))
        {
            GraphQLDocument document;
            try
            {
                document = GraphQLParser.Parser.Parse(query);
            }
            catch (GraphQLParserException e)
            {
                return RequestError(e.Description, "GRAPHQL_PARSE_FAILED");
            }

            var operation = OperationSelector.Select(document, operationName);
            if (operation is null)
            {
                return RequestError(operationName is null ? "The document must name the operation to run." : $"Unknown operation '{operationName}'.", "BAD_REQUEST");
            }

            var validation = await ValidateAsync(document, operation, variables, cancellationToken);
            if (validation is not null)
            {
                return validation;
            }

            plan = _planner.Plan(document, operationName);
            if (_plans.Count >= MaxCachedPlans)
            {
                _plans.Clear();
            }

            _plans[key] = plan;
        }
        else if (plan.Operation.Variables is { Items.Count: > 0 } && await ValidateAsync(plan.Document, plan.Operation, variables, cancellationToken) is { } invalidVariables)
        {
            return invalidVariables; // the document is known good; its variables still need checking
        }

        var (data, errors) = await _executor.ExecuteAsync(plan, variables, cancellationToken);
        var gatewayFields = HasIntrospection(plan.Operation) ? await IntrospectAsync(plan, variables, cancellationToken) : null;
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
            Rules = DocumentValidator.CoreRules,
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

    private static bool HasIntrospection(GraphQLOperationDefinition operation) =>
        operation.SelectionSet.Selections.OfType<GraphQLField>().Any(f => f.Name.StringValue is "__schema" or "__type");

    /// <summary>Runs the operation against the public schema, where only the introspection fields resolve.</summary>
    private async Task<JsonObject?> IntrospectAsync(QueryPlan plan, JsonObject variables, CancellationToken cancellationToken)
    {
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = _publicSchema,
            Document = plan.Document,
            OperationName = plan.Operation.Name?.StringValue,
            Variables = _serializer.ReadNode<Inputs>(JsonSerializer.SerializeToElement(variables)),
            CancellationToken = cancellationToken,
        });
        return JsonNode.Parse(_serializer.Serialize(result))?["data"] as JsonObject;
    }

    private static JsonObject RequestError(string message, string code) => new()
    {
        ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = code } }),
    };
}
