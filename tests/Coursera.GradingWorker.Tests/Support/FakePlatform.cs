using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Coursera.GradingWorker.Tests.Support;

/// <summary>
/// The token endpoint and the grading queue's three mutations, answered in process as the platform would, with
/// every request the worker made kept for the test to look at.
/// </summary>
internal sealed class FakePlatform : HttpMessageHandler
{
    public const string ClientId = "grading-worker";
    public const string ClientSecret = "s3cret";

    private readonly HashSet<string> _validTokens = [];
    private readonly Lock _gate = new();

    public Queue<JsonObject> Jobs { get; } = new();

    public List<Dictionary<string, string>> TokenRequests { get; } = [];

    public List<JsonObject> Completions { get; } = [];

    public List<JsonObject> Failures { get; } = [];

    /// <summary>The user error code to refuse the next completion or failure with (LEASE_LOST, ...).</summary>
    public string? Refusal { get; set; }

    public static GradingWorkerOptions WorkerOptions() => new()
    {
        Endpoint = new Uri("http://platform.test/graphql"),
        Authority = new Uri("http://platform.test/"),
        ClientId = ClientId,
        ClientSecret = ClientSecret,
    };

    /// <summary>Makes every token issued so far invalid, as a key rotation would.</summary>
    public void RevokeTokens()
    {
        lock (_gate)
        {
            _validTokens.Clear();
        }
    }

    public static JsonObject Job(string id, string language, string script, params (string Name, string Content)[] files) => new()
    {
        ["id"] = id,
        ["leaseToken"] = $"lease-of-{id}",
        ["leaseExpiresAt"] = "2030-01-01T00:05:00Z",
        ["tries"] = 0,
        ["grader"] = new JsonObject
        {
            ["language"] = language,
            ["script"] = script,
            ["timeLimitSeconds"] = 10,
            ["memoryMegabytes"] = 256,
        },
        ["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["content"] = f.Content })]),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        return request.RequestUri!.AbsolutePath switch
        {
            "/connect/token" => await TokenAsync(request, cancellationToken),
            "/graphql" => await GraphQLAsync(request, cancellationToken),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        };
    }

    private async Task<HttpResponseMessage> TokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = (await request.Content!.ReadAsStringAsync(cancellationToken)).Split('&')
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        lock (_gate)
        {
            TokenRequests.Add(form);
            if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
            {
                return Json(HttpStatusCode.BadRequest, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "Wrong secret." });
            }

            var token = $"token-{TokenRequests.Count}";
            _validTokens.Add(token);
            return Json(HttpStatusCode.OK, new JsonObject { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = 3600 });
        }
    }

    private async Task<HttpResponseMessage> GraphQLAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = (await request.Content!.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
        var query = body["query"]!.GetValue<string>();
        var input = body["variables"]!["input"]!.AsObject();
        lock (_gate)
        {
            if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: { } token } || !_validTokens.Contains(token))
            {
                return new HttpResponseMessage(HttpStatusCode.Unauthorized);
            }

            if (query.Contains("leaseGradingJob(", StringComparison.Ordinal))
            {
                var job = Jobs.Count > 0 ? Jobs.Dequeue() : null;
                return Data("leaseGradingJob", new JsonObject { ["job"] = job, ["errors"] = new JsonArray() });
            }

            var (field, calls) = query.Contains("completeGradingJob(", StringComparison.Ordinal)
                ? ("completeGradingJob", Completions)
                : ("failGradingJob", Failures);
            var refusal = Refusal;
            Refusal = null;
            if (refusal is not null)
            {
                return Data(field, new JsonObject
                {
                    ["job"] = null,
                    ["errors"] = new JsonArray(new JsonObject { ["code"] = refusal, ["message"] = "Refused.", ["path"] = new JsonArray("input", "leaseToken") }),
                });
            }

            calls.Add(input);
            var state = field == "completeGradingJob" ? "GRADED" : "QUEUED";
            return Data(field, new JsonObject { ["job"] = new JsonObject { ["id"] = input["jobId"]!.DeepClone(), ["state"] = state }, ["errors"] = new JsonArray() });
        }
    }

    private static HttpResponseMessage Data(string field, JsonObject payload) =>
        Json(HttpStatusCode.OK, new JsonObject { ["data"] = new JsonObject { [field] = payload } });

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = JsonContent.Create(body) };
}
