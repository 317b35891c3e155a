using Coursera.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Coursera.Gateway.Tests;

/// <summary>Console logs: one readable line in Development, JSON for the log collector elsewhere, configuration over both.</summary>
public sealed class ConsoleLoggingTests
{
    [Theory]
    [InlineData("Development", null, ConsoleFormatterNames.Simple)]
    [InlineData("Production", null, ConsoleFormatterNames.Json)]
    [InlineData("Staging", null, ConsoleFormatterNames.Json)]
    [InlineData("Development", ConsoleFormatterNames.Json, ConsoleFormatterNames.Json)]
    [InlineData("Production", ConsoleFormatterNames.Simple, ConsoleFormatterNames.Simple)]
    public void The_environment_chooses_the_formatter_unless_configuration_names_one(string environment, string? configured, string expected)
    {
        using var host = Build(environment, new() { ["Logging:Console:FormatterName"] = configured });

        Assert.Equal(expected, host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public void Development_lines_are_single_with_a_timestamp_and_JSON_keeps_scopes_and_UTC_times()
    {
        using var host = Build("Development", []);

        var simple = host.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
        var json = host.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(simple.SingleLine);
        Assert.False(string.IsNullOrEmpty(simple.TimestampFormat));
        Assert.True(json.IncludeScopes);
        Assert.True(json.UseUtcTimestamp);
    }

    [Fact]
    public void Configured_formatter_options_win_over_the_defaults()
    {
        using var host = Build("Development", new() { ["Logging:Console:FormatterOptions:SingleLine"] = "false" });

        Assert.False(host.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue.SingleLine);
    }

    private static WebApplication Build(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings.Where(s => s.Value is not null));
        builder.AddServiceDefaults();
        return builder.Build();
    }
}
