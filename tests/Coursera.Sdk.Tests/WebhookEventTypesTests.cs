using Coursera.Events.Contracts;
using Coursera.Sdk.Webhooks;

namespace Coursera.Sdk.Tests;

/// <summary>The SDK's map of event models against the platform's event catalog.</summary>
public sealed class WebhookEventTypesTests
{
    [Fact]
    public void Every_event_type_integrators_receive_has_a_model_and_no_other_is_mapped()
    {
        var delivered = EventCatalog.Types.Where(t => !t.Description.StartsWith("Internal:", StringComparison.Ordinal)).Select(t => t.Name).Order();

        Assert.Equal(delivered, WebhookEventTypes.Models.Keys.Order());
    }

    [Fact]
    public void Each_model_is_named_after_its_type()
    {
        foreach (var (type, model) in WebhookEventTypes.Models)
        {
            var expected = string.Concat(type.Split('.', '_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
            Assert.Equal(expected, model.Name);
            Assert.Equal("Coursera.Sdk.Events", model.Namespace);
        }
    }
}
