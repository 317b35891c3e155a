using GraphQL;
using GraphQLParser.AST;

namespace Coursera.Subgraphs.Limits;

/// <summary>
/// The gateway's alias and root-field limits, again at the subgraph, before validation: each alias of a root field is
/// a resolver run (20,000 aliased <c>certificate(code:)</c> are 20,000 queries), so a subgraph reached past the gateway
/// must not take what the gateway would refuse. The limits sit above what the gateway's own query plans need (their
/// entity fetches are aliased <c>_entities</c> fields). Fragments count once per spread, as the operation expands.
/// </summary>
internal static class OperationShapeLimits
{
    public const string AliasLimitExceeded = "ALIAS_LIMIT_EXCEEDED";
    public const string RootFieldLimitExceeded = "ROOT_FIELD_LIMIT_EXCEEDED";

    /// <summary>The errors for the limits the document exceeds (any of its operations); empty when it may run.</summary>
    public static List<ExecutionError> Check(GraphQLDocument document, int maxAliases, int maxRootFields)
    {
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }

        var counter = new Counter(fragments);
        double aliases = 0, rootFields = 0;
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            var tally = counter.SelectionSet(operation.SelectionSet);
            aliases = Math.Max(aliases, tally.Aliases);
            rootFields = Math.Max(rootFields, counter.RootFields(operation.SelectionSet));
        }

        var errors = new List<ExecutionError>();
        if (maxRootFields > 0 && rootFields > maxRootFields)
        {
            errors.Add(new ExecutionError($"The operation selects {rootFields:0} root fields; this endpoint allows at most {maxRootFields}.")
            {
                Code = RootFieldLimitExceeded,
            });
        }

        if (maxAliases > 0 && aliases > maxAliases)
        {
            errors.Add(new ExecutionError($"The operation uses {aliases:0} aliases; this endpoint allows at most {maxAliases}.")
            {
                Code = AliasLimitExceeded,
            });
        }

        return errors;
    }

    private readonly record struct Tally(double Aliases);

    private sealed class Counter(Dictionary<string, GraphQLFragmentDefinition> fragments)
    {
        private readonly Dictionary<string, Tally> _measured = new(StringComparer.Ordinal);
        private readonly Dictionary<string, double> _rootFields = new(StringComparer.Ordinal);
        private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);

        public Tally SelectionSet(GraphQLSelectionSet? selectionSet)
        {
            double aliases = 0;
            foreach (var selection in selectionSet?.Selections ?? [])
            {
                aliases += selection switch
                {
                    GraphQLField field => (field.Alias is null ? 0 : 1) + SelectionSet(field.SelectionSet).Aliases,
                    GraphQLInlineFragment inline => SelectionSet(inline.SelectionSet).Aliases,
                    GraphQLFragmentSpread spread => Fragment(spread.FragmentName.Name.StringValue).Aliases,
                    _ => 0,
                };
            }

            return new Tally(aliases);
        }

        /// <summary>Fields of the root selection, through fragments spread there.</summary>
        public double RootFields(GraphQLSelectionSet? selectionSet)
        {
            double fields = 0;
            foreach (var selection in selectionSet?.Selections ?? [])
            {
                fields += selection switch
                {
                    GraphQLField => 1,
                    GraphQLInlineFragment inline => RootFields(inline.SelectionSet),
                    GraphQLFragmentSpread spread => FragmentRootFields(spread.FragmentName.Name.StringValue),
                    _ => 0,
                };
            }

            return fields;
        }

        private double FragmentRootFields(string name)
        {
            if (_rootFields.TryGetValue(name, out var known))
            {
                return known;
            }

            if (!fragments.TryGetValue(name, out var fragment) || !_visiting.Add(name))
            {
                return 0;
            }

            var fields = RootFields(fragment.SelectionSet);
            _visiting.Remove(name);
            _rootFields[name] = fields;
            return fields;
        }

        private Tally Fragment(string name)
        {
            if (_measured.TryGetValue(name, out var known))
            {
                return known;
            }

            // A cycle or an unknown fragment is validation's to report; it adds nothing here.
            if (!fragments.TryGetValue(name, out var fragment) || !_visiting.Add(name))
            {
                return default;
            }

            var tally = SelectionSet(fragment.SelectionSet);
            _visiting.Remove(name);
            _measured[name] = tally;
            return tally;
        }
    }
}
