using System.Text.Json.Nodes;

namespace Coursera.Federation.BenchmarkFederation.Tests;

public sealed class AccountsTests(SubgraphsFixture fixture) : IClassFixture<SubgraphsFixture>
{
    private readonly BenchmarkSubgraphs _subgraphs = fixture.Subgraphs;

    private static JsonArray DataUsers => Requests.DataJson["accounts"]!["users"]!.DeepClone().AsArray();

    [Fact]
    public async Task Users_are_the_six_users_of_data_json()
    {
        var response = await _subgraphs.PostAsync(BenchmarkSubgraphs.Accounts, "{ users { id name username birthday } }");

        Requests.Equal(DataUsers, response.Data()["users"]);
    }

    [Fact]
    public async Task User_by_id_and_me()
    {
        var response = await _subgraphs.PostAsync(
            BenchmarkSubgraphs.Accounts,
            "query($id: ID!) { user(id: $id) { id username } nobody: user(id: \"7\") { id } me { id username } }",
            new { id = "4" });

        Requests.Equal(
            JsonNode.Parse("""{"user":{"id":"4","username":"ardatan"},"nobody":null,"me":{"id":"1","username":"urigo"}}"""),
            response.Data());
    }

    [Fact]
    public async Task Entities_resolve_users_by_id_in_representation_order()
    {
        var response = await _subgraphs.PostAsync(
            BenchmarkSubgraphs.Accounts,
            "query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on User { id name username } } }",
            new { r = new[] { "6", "1", "42" }.Select(id => new { __typename = "User", id }).ToArray() });

        Requests.Equal(
            JsonNode.Parse("""
                [{"__typename":"User","id":"6","name":"Laurin Quast","username":"laurin"},
                 {"__typename":"User","id":"1","name":"Uri Goldshtein","username":"urigo"},
                 null]
                """),
            response.Data()["_entities"]);
    }
}
