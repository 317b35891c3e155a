using System.Net;
using System.Text;
using Coursera.Subgraphs.Tests.Support;

namespace Coursera.Subgraphs.Tests;

/// <summary>GraphQL over HTTP as a client meets it: methods, media types, request shapes and status codes.</summary>
public sealed class HttpTransportTests(ProductionHost fixture) : IClassFixture<ProductionHost>
{
    private SubgraphHost Host => fixture.Host;

    [Fact]
    public async Task A_post_accepting_graphql_response_json_gets_it_with_200()
    {
        var result = await Host.PostAsync("query($n: String) { hello(name: $n) }", new { n = "Ada" });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(SubgraphHost.GraphQLResponse, result.MediaType);
        Assert.Equal("utf-8", result.ContentHeaders.ContentType!.CharSet);
        Assert.Equal("Hello, Ada!", result.Ok()["hello"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData("application/*")]
    [InlineData("application/json, application/graphql-response+json;q=0.9")]
    [InlineData("text/html, application/json;q=0.8")]
    public async Task A_client_that_does_not_prefer_graphql_response_json_gets_application_json(string? accept)
    {
        var result = await Host.PostAsync("{ hello }", accept: accept);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(SubgraphHost.Json, result.MediaType);
        Assert.Equal("Hello, world!", result.Ok()["hello"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_client_preference_order_decides_between_the_two_media_types()
    {
        var result = await Host.PostAsync("{ hello }", accept: "application/json;q=0.5, application/graphql-response+json");

        Assert.Equal(SubgraphHost.GraphQLResponse, result.MediaType);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/plain")]
    [InlineData("application/graphql-response+json;q=0")]
    public async Task Accept_naming_nothing_we_produce_is_406(string accept)
    {
        var result = await Host.PostAsync("{ hello }", accept: accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, result.Status);
        Assert.DoesNotContain("\"data\"", result.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/graphql")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData(null)]
    public async Task A_post_whose_body_is_not_declared_utf8_json_is_415(string? contentType)
    {
        var result = await Host.PostJsonAsync("""{"query":"{ hello }"}""", contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, result.Status);
    }

    [Fact]
    public async Task Json_with_an_explicit_utf8_charset_is_accepted()
    {
        var result = await Host.PostJsonAsync("""{"query":"{ hello }"}""", contentType: "application/json; charset=UTF-8");

        Assert.Equal("Hello, world!", result.Ok()["hello"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", "empty body")]
    [InlineData("{\"query\": \"{ hello }\"", "truncated JSON")]
    [InlineData("query { hello }", "not JSON at all")]
    [InlineData("[{\"query\": \"{ hello }\"}]", "a batch (array)")]
    [InlineData("\"{ hello }\"", "a JSON string")]
    [InlineData("{}", "no query")]
    [InlineData("{\"query\": null}", "null query")]
    [InlineData("{\"query\": 42}", "numeric query")]
    [InlineData("{\"query\": {\"text\": \"{ hello }\"}}", "object query")]
    [InlineData("{\"query\": \"{ hello }\", \"variables\": [1]}", "list variables")]
    [InlineData("{\"query\": \"{ hello }\", \"variables\": \"{}\"}", "string variables")]
    [InlineData("{\"query\": \"{ hello }\", \"variables\": 3}", "numeric variables")]
    [InlineData("{\"query\": \"{ hello }\", \"operationName\": 1}", "numeric operationName")]
    [InlineData("{\"query\": \"{ hello }\", \"extensions\": [\"x\"]}", "list extensions")]
    public async Task A_malformed_request_is_400_before_anything_runs(string body, string why)
    {
        var result = await Host.PostJsonAsync(body);

        Assert.True(result.Status == HttpStatusCode.BadRequest, $"{why}: {result}");
        Assert.DoesNotContain("\"data\"", result.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_variables_operation_name_and_extensions_are_the_same_as_absent()
    {
        var result = await Host.PostJsonAsync("""{"query":"{ hello }","variables":null,"operationName":null,"extensions":null}""");

        Assert.Equal("Hello, world!", result.Ok()["hello"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_from_a_document_of_several_is_chosen_by_operationName()
    {
        var result = await Host.PostAsync("query A { a: hello(name: \"A\") } query B { b: hello(name: \"B\") }", operationName: "B");

        Assert.Equal("Hello, B!", result.Ok()["b"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_get_query_works_with_url_encoded_variables()
    {
        var query = Uri.EscapeDataString("query Greet($n: String) { hello(name: $n) }");
        var variables = Uri.EscapeDataString("""{"n":"Grace & Ada?"}""");

        var result = await Host.GetAsync($"/graphql?query={query}&variables={variables}&operationName=Greet");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(SubgraphHost.GraphQLResponse, result.MediaType);
        Assert.Equal("Hello, Grace & Ada?!", result.Ok()["hello"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/graphql", "no query")]
    [InlineData("/graphql?query=", "empty query")]
    [InlineData("/graphql?query=%7B%20hello%20%7D&variables=%5B1%5D", "list variables")]
    [InlineData("/graphql?query=%7B%20hello%20%7D&variables=%7Bnope", "variables that are not JSON")]
    public async Task A_malformed_get_is_400(string pathAndQuery, string why)
    {
        var result = await Host.GetAsync(pathAndQuery);

        Assert.True(result.Status == HttpStatusCode.BadRequest, $"{why}: {result}");
    }

    [Fact]
    public async Task A_mutation_over_get_is_405_with_allow_naming_post_and_changes_nothing()
    {
        var before = (await Host.PostAsync("mutation { increment(by: 0) }")).Ok()["increment"]!.GetValue<int>();

        var result = await Host.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { increment(by: 1000) }"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, result.Status);
        Assert.Contains("POST", result.ContentHeaders.Allow);
        Assert.DoesNotContain("GET", result.ContentHeaders.Allow);
        var after = (await Host.PostAsync("mutation { increment(by: 0) }")).Ok()["increment"]!.GetValue<int>();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_mutation_selected_by_operation_name_over_get_is_405()
    {
        var query = Uri.EscapeDataString("query Q { hello } mutation M { increment }");

        var result = await Host.GetAsync($"/graphql?query={query}&operationName=M");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, result.Status);
        Assert.Contains("POST", result.ContentHeaders.Allow);
    }

    [Fact]
    public async Task A_mutation_over_post_runs()
    {
        var first = (await Host.PostAsync("mutation { increment(by: 2) }")).Ok()["increment"]!.GetValue<int>();
        var second = (await Host.PostAsync("mutation { increment(by: 3) }")).Ok()["increment"]!.GetValue<int>();

        Assert.Equal(first + 3, second);
    }

    [Fact]
    public async Task Another_method_is_405_naming_get_and_post()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/graphql") { Content = new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, "application/json") };

        var result = await Host.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, result.Status);
        Assert.Equal(["GET", "POST"], result.ContentHeaders.Allow.Order());
    }

    [Fact]
    public async Task A_subscription_over_http_is_refused_with_400()
    {
        var result = await Host.PostAsync("subscription { ticks }");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
    }

    [Theory]
    [InlineData("{ hello", "GRAPHQL_PARSE_FAILED")]
    [InlineData("{ nope }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("query($n: Int!) { items(first: $n) { id } }", "BAD_USER_INPUT")]
    public async Task A_request_error_is_400_without_data_under_graphql_response_json(string query, string code)
    {
        var result = await Host.PostAsync(query, accept: SubgraphHost.GraphQLResponse);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(SubgraphHost.GraphQLResponse, result.MediaType);
        Assert.False(result.Json.ContainsKey("data"), result.Body);
        result.AssertErrorsWithCodes();
        Assert.Equal(code, result.Codes[0]);
    }

    [Theory]
    [InlineData("{ hello", "GRAPHQL_PARSE_FAILED")]
    [InlineData("{ nope }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("query($n: Int!) { items(first: $n) { id } }", "BAD_USER_INPUT")]
    public async Task A_request_error_is_200_under_application_json(string query, string code)
    {
        var result = await Host.PostAsync(query, accept: SubgraphHost.Json);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(SubgraphHost.Json, result.MediaType);
        Assert.False(result.Json.ContainsKey("data"), result.Body);
        result.AssertErrorsWithCodes();
        Assert.Equal(code, result.Codes[0]);
    }

    [Fact]
    public async Task A_parse_error_over_get_is_reported_like_over_post()
    {
        var result = await Host.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ hello"));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(["GRAPHQL_PARSE_FAILED"], result.Codes);
    }

    [Theory]
    [InlineData("""{"n": "ten"}""")]
    [InlineData("""{"n": 1.5}""")]
    [InlineData("""{"n": null}""")]
    [InlineData("""{}""")]
    public async Task A_variable_that_does_not_coerce_is_bad_user_input_and_nothing_runs(string variables)
    {
        var result = await Host.PostJsonAsync($$"""{"query":"query($n: Int!) { items(first: $n) { id } }","variables":{{variables}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.False(result.Json.ContainsKey("data"), result.Body);
        Assert.Equal(["BAD_USER_INPUT"], result.Codes);
        Assert.Contains("$n", result.Errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_error_is_a_200_with_partial_data_under_both_media_types()
    {
        foreach (var accept in new[] { SubgraphHost.GraphQLResponse, SubgraphHost.Json })
        {
            var result = await Host.PostAsync("{ hello notFound }", accept: accept);

            Assert.Equal(HttpStatusCode.OK, result.Status);
            Assert.Equal("Hello, world!", result.Data!["hello"]!.GetValue<string>());
            Assert.Null(result.Data!["notFound"]);
            Assert.Equal(["NOT_FOUND"], result.Codes);
            Assert.Equal("notFound", result.Errors[0]!["path"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_websocket_path_request_without_upgrade_is_plain_http()
    {
        var result = await Host.GetAsync("/graphql?query=%7B__typename%7D");

        Assert.Equal("Query", result.Ok()["__typename"]!.GetValue<string>());
    }
}
