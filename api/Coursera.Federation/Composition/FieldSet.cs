using GraphQLParser.AST;

namespace Coursera.Federation.Composition;

/// <summary>
/// A federation field set such as <c>"upc"</c>, <c>"price weight"</c> or <c>"organization { id }"</c>, parsed into
/// a selection set, as used by <c>@key</c>, <c>@requires</c> and <c>@provides</c>.
/// </summary>
public sealed class FieldSet
{
    private FieldSet(string text, GraphQLSelectionSet selectionSet)
    {
        Text = text;
        SelectionSet = selectionSet;
    }

    public string Text { get; }

    public GraphQLSelectionSet SelectionSet { get; }

    /// <summary>The top-level fields, in order.</summary>
    public IEnumerable<GraphQLField> Fields => SelectionSet.Selections.OfType<GraphQLField>();

    public static FieldSet? TryParse(string text)
    {
        try
        {
            var document = GraphQLParser.Parser.Parse("{" + text + "}");
            return document.Definitions is [GraphQLOperationDefinition { SelectionSet: { } selections }]
                ? new FieldSet(text, selections)
                : null;
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return null;
        }
    }

    public override string ToString() => Text;
}
