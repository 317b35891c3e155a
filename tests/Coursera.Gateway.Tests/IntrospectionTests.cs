using System.Net;
using Microsoft.Extensions.Hosting;

namespace Coursera.Gateway.Tests;

/// <summary>
/// Outside Development (the base fixture runs as Production), introspection and "Did you mean" hints are off;
/// <c>__typename</c> always works.
/// </summary>
public sealed class ProductionIntrospectionTests(BenchmarkFederationOverHttp federation) : IClassFixture<BenchmarkFederationOverHttp>, IDisposable
{
    private readonly GatewayClient _client = new(federation.GatewayUrl);

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("{ __schema { queryType { name } } }")]
    [InlineData("{ __type(name: \"Product\") { name } }")]
    [InlineData("{ me { id } ...on Query { __schema { types { name } } } }")]
    public async Task Introspection_is_refused_as_a_validation_error_before_any_fetch(string query)
    {
        await _client.ComposeAsync();
        var before = federation.SubgraphRequests;

        var answer = await _client.PostAsync(new { query });

        Assert.True(answer.Status == HttpStatusCode.BadRequest, answer.ToString());
        Assert.False(answer.HasData);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", answer.Code());
        Assert.Contains("introspection", answer.Message(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, federation.SubgraphRequests);
    }

    [Fact]
    public async Task Typename_is_always_allowed()
    {
        await _client.ComposeAsync();

        var root = await _client.PostAsync(new { query = "{ __typename }" });
        var nested = await _client.PostAsync(new { query = "{ me { __typename id } }" });

        Assert.Equal("Query", root.Data()["__typename"]!.GetValue<string>());
        Assert.Equal("User", nested.Data()["me"]!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validation_errors_carry_no_field_suggestions()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new { query = "{ me { nam } }" });

        Assert.Equal("GRAPHQL_VALIDATION_FAILED", answer.Code());
        Assert.Contains("Cannot query field 'nam' on type 'User'.", answer.Message(), StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", answer.Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_benchmark_query_runs_within_the_default_limits()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new
        {
            query = Federation.BenchmarkFederation.BenchmarkFiles.Read(Federation.BenchmarkFederation.BenchmarkFiles.Query),
            operationName = "TestQuery",
        });

        Assert.Equal(5, answer.Data()["topProducts"]!.AsArray().Count);
    }
}

public sealed class DevelopmentFederation : BenchmarkFederationOverHttp
{
    protected override string Environment => Environments.Development;
}

/// <summary>In Development both are on, and the standard introspection query fits the default limits.</summary>
public sealed class DevelopmentIntrospectionTests(DevelopmentFederation federation) : IClassFixture<DevelopmentFederation>, IDisposable
{
    private readonly GatewayClient _client = new(federation.GatewayUrl);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task The_standard_introspection_query_is_answered_within_the_default_limits()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new { query = StandardIntrospectionQuery.Text, operationName = "IntrospectionQuery" });

        var schema = answer.Data()["__schema"]!;
        Assert.Equal("Query", schema["queryType"]!["name"]!.GetValue<string>());
        Assert.Contains(schema["types"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "Review");
    }

    [Fact]
    public async Task Validation_errors_suggest_fields()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new { query = "{ me { nam } }" });

        Assert.Contains("Did you mean", answer.Message(), StringComparison.Ordinal);
    }
}

/// <summary>Production with both switched on in configuration, as a public sandbox or a partner preview might run.</summary>
public sealed class OpenProductionFederation : BenchmarkFederationOverHttp
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["GraphQL:EnableIntrospection"] = "true";
        settings["GraphQL:ExposeSuggestions"] = "true";
    }
}

public sealed class ConfiguredIntrospectionTests(OpenProductionFederation federation) : IClassFixture<OpenProductionFederation>, IDisposable
{
    private readonly GatewayClient _client = new(federation.GatewayUrl);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Configuration_turns_introspection_and_suggestions_on_outside_Development()
    {
        await _client.ComposeAsync();

        var introspection = await _client.PostAsync(new { query = "{ __type(name: \"Product\") { fields { name } } }" });
        var suggestion = await _client.PostAsync(new { query = "{ me { nam } }" });

        Assert.Contains(introspection.Data()["__type"]!["fields"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "shippingEstimate");
        Assert.Contains("Did you mean", suggestion.Message(), StringComparison.Ordinal);
    }
}
