using System.Net;
using Coursera.Subgraphs.Tests.Support;

namespace Coursera.Subgraphs.Tests;

/// <summary>What leaves the service when something goes wrong: a code on every error, and nothing internal.</summary>
public sealed class ErrorTests(ProductionHost fixture) : IClassFixture<ProductionHost>
{
    private SubgraphHost Host => fixture.Host;

    [Fact]
    public async Task An_unexpected_exception_is_internal_with_a_generic_message_and_no_details()
    {
        var result = await Host.PostAsync("{ hello boom }");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("Hello, world!", result.Data!["hello"]!.GetValue<string>());
        var error = Assert.Single(result.AssertErrorsWithCodes())!;
        Assert.Equal("INTERNAL", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("Internal server error.", error["message"]!.GetValue<string>());
        Assert.Equal("boom", error["path"]![0]!.GetValue<string>());
        AssertNothingInternal(result.Body);
        Assert.Equal(["code"], error["extensions"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task An_unexpected_exception_hidden_from_the_client_is_logged_for_operators()
    {
        await using var host = await SubgraphHost.StartAsync();

        await host.PostAsync("{ boom }");

        var entry = Assert.Single(host.Errors.Entries);
        Assert.Contains("boom", entry, StringComparison.Ordinal);
        Assert.Contains("Password=hunter2 leaked from TestQuery.Boom", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_exception_stays_hidden_in_development_too()
    {
        await using var host = await SubgraphHost.StartAsync("Development");

        var result = await host.PostAsync("{ boom }");

        Assert.Equal(["INTERNAL"], result.Codes);
        Assert.Equal("Internal server error.", result.Errors[0]!["message"]!.GetValue<string>());
        AssertNothingInternal(result.Body);
    }

    [Fact]
    public async Task An_error_thrown_with_a_known_code_keeps_its_code_and_message()
    {
        var result = await Host.PostAsync("{ notFound }");

        Assert.Equal(["NOT_FOUND"], result.Codes);
        Assert.Equal("No course has that id.", result.Errors[0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_error_thrown_with_a_custom_code_keeps_its_code_and_message()
    {
        var result = await Host.PostAsync("{ courseFull }");

        Assert.Equal(["COURSE_FULL"], result.Codes);
        Assert.Equal("The course is full.", result.Errors[0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Several_errors_in_one_response_each_carry_their_own_code()
    {
        var result = await Host.PostAsync("{ boom notFound courseFull hello }");

        result.AssertErrorsWithCodes();
        Assert.Equal(["COURSE_FULL", "INTERNAL", "NOT_FOUND"], result.Codes.Order(StringComparer.Ordinal));
        Assert.Equal("Hello, world!", result.Data!["hello"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{ hello }", "Nope", "operation name that is not in the document")]
    [InlineData("query A { hello } query B { hello }", null, "several operations and no name")]
    public async Task An_operation_that_cannot_be_chosen_is_a_bad_request_that_says_why(string query, string? operationName, string why)
    {
        var result = await Host.PostAsync(query, operationName: operationName);

        Assert.True(result.Status == HttpStatusCode.BadRequest, $"{why}: {result}");
        Assert.False(result.Json.ContainsKey("data"));
        Assert.Equal(["BAD_REQUEST"], result.Codes);
        Assert.Contains("operation", result.Errors[0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_document_nested_beyond_what_the_parser_accepts_is_a_parse_error()
    {
        var query = "{ items " + string.Concat(Enumerable.Repeat("{ children ", 200)) + "{ id }" + new string('}', 201) + " }";

        await using var host = await SubgraphHost.StartAsync();

        var result = await host.PostAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(["GRAPHQL_PARSE_FAILED"], result.Codes);
        AssertNothingInternal(result.Body);
        Assert.Empty(host.Errors.Entries);
    }

    [Fact]
    public async Task Parse_errors_say_where()
    {
        var result = await Host.PostAsync("{ hello(name: ) }");

        Assert.Equal(["GRAPHQL_PARSE_FAILED"], result.Codes);
        Assert.NotNull(result.Errors[0]!["locations"]);
    }

    [Fact]
    public async Task A_wrongly_typed_argument_literal_is_a_validation_error()
    {
        var result = await Host.PostAsync("{ items(first: \"ten\") { id } }");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        result.AssertErrorsWithCodes();
        Assert.All(result.Codes, c => Assert.Equal("GRAPHQL_VALIDATION_FAILED", c));
    }

    [Fact]
    public async Task Suggestions_are_stripped_outside_development()
    {
        var result = await Host.PostAsync("{ helo items { nam } }");

        Assert.Equal(2, result.AssertErrorsWithCodes().Count);
        Assert.All(result.Codes, c => Assert.Equal("GRAPHQL_VALIDATION_FAILED", c));
        Assert.DoesNotContain("Did you mean", result.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("'hello'", result.Body, StringComparison.Ordinal);
        Assert.Contains("helo", result.Errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestions_are_shown_in_development()
    {
        await using var host = await SubgraphHost.StartAsync("Development");

        var result = await host.PostAsync("{ helo }");

        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], result.Codes);
        Assert.Contains("Did you mean", result.Body, StringComparison.Ordinal);
        Assert.Contains("hello", result.Errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestions_can_be_switched_on_by_configuration()
    {
        await using var host = await SubgraphHost.StartAsync("Production", new Dictionary<string, string?> { ["GraphQL:ExposeSuggestions"] = "true" });

        var result = await host.PostAsync("{ helo }");

        Assert.Contains("Did you mean", result.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ __schema { queryType { name } } }")]
    [InlineData("{ __type(name: \"Item\") { name fields { name } } }")]
    public async Task Introspection_is_refused_outside_development(string query)
    {
        var result = await Host.PostAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.False(result.Json.ContainsKey("data"));
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], result.Codes);
    }

    [Fact]
    public async Task Typename_is_not_introspection_and_always_works()
    {
        var result = await Host.PostAsync("{ __typename items(first: 1) { __typename } }");

        Assert.Equal("Query", result.Ok()["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Introspection_works_in_development()
    {
        await using var host = await SubgraphHost.StartAsync("Development");

        var result = await host.PostAsync("{ __schema { queryType { name } } }");

        Assert.Equal("Query", result.Ok()["__schema"]!["queryType"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Introspection_can_be_enabled_outside_development()
    {
        await using var host = await SubgraphHost.StartAsync("Production", new Dictionary<string, string?> { ["GraphQL:EnableIntrospection"] = "true" });

        var result = await host.PostAsync("{ __type(name: \"Item\") { name } }");

        Assert.Equal("Item", result.Ok()["__type"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Introspection_can_be_disabled_in_development()
    {
        await using var host = await SubgraphHost.StartAsync("Development", new Dictionary<string, string?> { ["GraphQL:EnableIntrospection"] = "false" });

        var result = await host.PostAsync("{ __schema { queryType { name } } }");

        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], result.Codes);
    }

    [Fact]
    public async Task An_execution_that_outlives_the_timeout_is_reported_with_a_code()
    {
        await using var host = await SubgraphHost.StartAsync("Production", new Dictionary<string, string?> { ["GraphQL:ExecutionTimeout"] = "00:00:00.200" });

        var result = await host.PostAsync("{ slow(ms: 10000) }");

        result.AssertErrorsWithCodes();
        Assert.Equal(["TIMEOUT"], result.Codes);
        AssertNothingInternal(result.Body);
    }

    private static void AssertNothingInternal(string body)
    {
        foreach (var leak in new[] { "hunter2", "Password", "InvalidOperationException", "Exception", "TestQuery", "stack", " at " })
        {
            Assert.DoesNotContain(leak, body, StringComparison.OrdinalIgnoreCase);
        }
    }
}
