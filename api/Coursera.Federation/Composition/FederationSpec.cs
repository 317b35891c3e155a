using GraphQLParser.AST;

namespace Coursera.Federation.Composition;

/// <summary>
/// How one subgraph names the federation directives: Fed2 subgraphs import them through <c>@link</c> (possibly
/// renamed, or namespaced as <c>@federation__key</c>); Fed1 subgraphs use the bare names.
/// </summary>
internal sealed class FederationSpec
{
    private static readonly string[] Directives =
    [
        "key", "external", "requires", "provides", "shareable", "inaccessible", "override", "tag", "extends",
        "composeDirective", "interfaceObject", "authenticated", "requiresScopes", "policy", "cost", "listSize",
    ];

    private readonly Dictionary<string, string> _canonical = [];

    private FederationSpec(bool isFederation2) => IsFederation2 = isFederation2;

    public bool IsFederation2 { get; }

    /// <summary>The federation directive a local directive name stands for, or null for any other directive.</summary>
    public string? Canonical(string localName) => _canonical.GetValueOrDefault(localName);

    public static FederationSpec Read(GraphQLDocument document)
    {
        var link = document.Definitions
            .Select(d => d switch
            {
                GraphQLSchemaDefinition s => s.Directives,
                GraphQLSchemaExtension s => s.Directives,
                _ => null,
            })
            .Where(d => d is not null)
            .SelectMany(d => d!.Items)
            .FirstOrDefault(d => d.Name.StringValue == "link"
                && Argument(d, "url") is GraphQLStringValue url
                && url.Value.ToString().Contains("specs.apollo.dev/federation/", StringComparison.Ordinal));

        if (link is null)
        {
            var federation1 = new FederationSpec(isFederation2: false);
            foreach (var name in Directives)
            {
                federation1._canonical[name] = name;
            }

            return federation1;
        }

        var spec = new FederationSpec(isFederation2: true);
        var prefix = Argument(link, "as") is GraphQLStringValue alias ? alias.Value.ToString() : "federation";
        foreach (var name in Directives)
        {
            spec._canonical[$"{prefix}__{name}"] = name;
        }

        if (Argument(link, "import") is GraphQLListValue { Values: { } imports })
        {
            foreach (var import in imports)
            {
                switch (import)
                {
                    case GraphQLStringValue s when s.Value.ToString().TrimStart('@') is var name && Directives.Contains(name):
                        spec._canonical[name] = name;
                        break;
                    case GraphQLObjectValue o:
                        var original = (o.Fields?.FirstOrDefault(f => f.Name.StringValue == "name")?.Value as GraphQLStringValue)?.Value.ToString().TrimStart('@');
                        var renamed = (o.Fields?.FirstOrDefault(f => f.Name.StringValue == "as")?.Value as GraphQLStringValue)?.Value.ToString().TrimStart('@');
                        if (original is not null && Directives.Contains(original))
                        {
                            spec._canonical[renamed ?? original] = original;
                        }

                        break;
                }
            }
        }

        return spec;
    }

    public static GraphQLValue? Argument(GraphQLDirective directive, string name) =>
        directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name)?.Value;
}
