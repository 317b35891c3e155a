using System.Text.Json.Nodes;
using Coursera.Federation.Authorization;
using Coursera.Federation.Composition;
using Coursera.Federation.Execution;

namespace Coursera.Federation.Tests;

/// <summary>
/// The authorization directives of Federation v2.5, enforced by the gateway before any fetch: <c>@authenticated</c>,
/// <c>@requiresScopes</c> (alternatives of scope sets) and <c>@policy</c>, on fields and on types, reached through
/// fragments too. An operation selecting anything its caller may not is refused whole, each such field named, and no
/// subgraph hears of it; what @skip/@include leave out is not selected.
/// </summary>
public sealed class AuthorizationTests
{
    private const string Accounts = """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@authenticated", "@requiresScopes", "@policy"])
        type Query { notice: String  me: User @authenticated  users: [User!]! }
        type User @key(fields: "id") {
          id: ID!
          name: String
          email: String @requiresScopes(scopes: [["users:email"], ["admin"]])
          payroll: Payroll
        }
        type Payroll @policy(policies: [["hr"]]) { salary: Int }
        """;

    private static readonly CompositionResult Composition = Composer.Compose([new SubgraphDefinition("accounts", Accounts, "http://accounts.invalid/graphql")]);

    private static Supergraph Supergraph => Composition.Supergraph ?? throw new InvalidOperationException(string.Join("\n", Composition.Errors));

    [Fact]
    public void Composition_keeps_each_directive_on_its_field_or_type()
    {
        Assert.True(Supergraph.HasAccessRequirements);
        Assert.True(Supergraph.Type("Query").Fields["me"].Access.Authenticated);
        Assert.Equal([["users:email"], ["admin"]], Supergraph.Type("User").Fields["email"].Access.Scopes.Single());
        Assert.Equal([["hr"]], Supergraph.Type("Payroll").Access.Policies.Single());
        Assert.True(Supergraph.Type("User").Fields["name"].Access.IsEmpty);
    }

    [Fact]
    public async Task An_unguarded_field_needs_nobody()
    {
        var (gateway, transport) = Gateway();
        var response = await gateway.ExecuteAsync("{ notice users { name } }", null, null, null, GatewayCaller.Anonymous, CancellationToken.None);

        Assert.Null(response["errors"]);
        Assert.Equal("Ada", response["data"]!["users"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(1, transport.Requests);
    }

    [Theory]
    [InlineData("{ me { name } }", "me")]
    [InlineData("{ notice users { name email } }", "users.email")]
    [InlineData("{ users { ... on User { email } } }", "users.email")]
    [InlineData("query Q { users { ...Private } } fragment Private on User { payroll { salary } }", "users.payroll")]
    public async Task Anonymous_callers_are_refused_every_guarded_field_before_any_fetch(string query, string path)
    {
        var (gateway, transport) = Gateway();
        var response = await gateway.ExecuteAsync(query, null, null, null, GatewayCaller.Anonymous, CancellationToken.None);

        var error = Assert.Single(response["errors"]!.AsArray())!;
        Assert.Equal(ProtectedSelections.Code, error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(path, string.Join('.', error["path"]!.AsArray().Select(p => p!.GetValue<string>())));
        Assert.False(response.ContainsKey("data"));
        Assert.Equal(0, transport.Requests);
    }

    [Fact]
    public async Task Any_one_alternative_of_scopes_suffices_and_each_unmet_field_is_named()
    {
        var (gateway, transport) = Gateway();
        const string Query = "{ me { name } users { email payroll { salary } } }";

        var signedIn = await gateway.ExecuteAsync(Query, null, null, null, new GatewayCaller(true, ["users:read"]), CancellationToken.None);
        var admin = await gateway.ExecuteAsync(Query, null, null, null, new GatewayCaller(true, ["admin"], (policy, _) => Task.FromResult(policy == "hr")),
            CancellationToken.None);

        Assert.Equal(["users.email", "users.payroll"], signedIn["errors"]!.AsArray().Select(e => string.Join('.', e!["path"]!.AsArray().Select(p => p!.GetValue<string>()))));
        Assert.Null(admin["errors"]);
        Assert.Equal("ada@example.org", admin["data"]!["users"]![0]!["email"]!.GetValue<string>());
        Assert.Equal(100, admin["data"]!["users"]![0]!["payroll"]!["salary"]!.GetValue<int>());
        Assert.Equal(1, transport.Requests);
    }

    [Fact]
    public async Task A_guarded_field_the_request_leaves_out_with_skip_or_include_needs_nothing()
    {
        var (gateway, transport) = Gateway();
        const string OnTheField = "query($withMe: Boolean = false) { notice me @include(if: $withMe) { name } }";
        const string OnAFragment = "query($x: Boolean!) { users { name ... @include(if: $x) { email } } }";

        var byDefault = await gateway.ExecuteAsync(OnTheField, null, null, null, GatewayCaller.Anonymous, CancellationToken.None);
        var byVariable = await gateway.ExecuteAsync(OnAFragment, null, new JsonObject { ["x"] = false }, null, GatewayCaller.Anonymous, CancellationToken.None);
        var included = await gateway.ExecuteAsync(OnTheField, null, new JsonObject { ["withMe"] = true }, null, GatewayCaller.Anonymous, CancellationToken.None);

        Assert.Equal("""{"data":{"notice":"Welcome"}}""", byDefault.ToJsonString());
        Assert.Equal("""{"data":{"users":[{"name":"Ada"}]}}""", byVariable.ToJsonString());
        Assert.Equal(ProtectedSelections.Code, included["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(2, transport.Requests);
    }

    [Fact]
    public async Task A_policy_is_asked_about_by_name_and_refused_when_not_granted()
    {
        var (gateway, _) = Gateway();
        var asked = new List<string>();
        var caller = new GatewayCaller(true, ["admin"], (policy, _) =>
        {
            asked.Add(policy);
            return Task.FromResult(false);
        });

        var response = await gateway.ExecuteAsync("{ users { payroll { salary } } }", null, null, null, caller, CancellationToken.None);

        Assert.Equal(["hr"], asked);
        Assert.Equal(ProtectedSelections.Code, response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscriptions_and_queries_over_a_socket_are_checked_too()
    {
        var (gateway, transport) = Gateway();
        var responses = new List<JsonObject>();
        await foreach (var response in gateway.SubscribeAsync("{ me { name } }", null, null, GatewayCaller.Anonymous, CancellationToken.None))
        {
            responses.Add(response);
        }

        Assert.Equal(ProtectedSelections.Code, Assert.Single(responses)["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(0, transport.Requests);
    }

    private static (FederationGateway Gateway, AccountsSubgraph Transport) Gateway()
    {
        var transport = new AccountsSubgraph();
        return (new FederationGateway(Supergraph, transport), transport);
    }

    /// <summary>The accounts subgraph's answer to any query: every field, of which the gateway keeps what the client asked for.</summary>
    private sealed class AccountsSubgraph : ISubgraphTransport
    {
        public int Requests { get; private set; }

        public Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken)
        {
            Requests++;
            var user = new JsonObject { ["id"] = "u1", ["name"] = "Ada", ["email"] = "ada@example.org", ["payroll"] = new JsonObject { ["salary"] = 100 } };
            return Task.FromResult(new JsonObject
            {
                ["data"] = new JsonObject { ["notice"] = "Welcome", ["me"] = user.DeepClone(), ["users"] = new JsonArray(user) },
            });
        }
    }
}
