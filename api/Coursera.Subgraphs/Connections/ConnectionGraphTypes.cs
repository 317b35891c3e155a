using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Subgraphs.Connections;

/// <summary>
/// A Relay connection type: <c>edges { cursor node }</c>, <c>nodes</c>, <c>pageInfo</c>, <c>totalCount</c>.
/// Names follow the node type's name: <c>CourseType</c> gives <c>CourseConnection</c> and <c>CourseEdge</c>.
/// </summary>
public class ConnectionGraphType<TNodeType, TNode> : ObjectGraphType<Connection<TNode>>
    where TNodeType : IGraphType
{
    public ConnectionGraphType()
    {
        Name = typeof(TNodeType).GraphQLName() + "Connection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNodeType, TNode>>>>>("edges")
            .Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("Counted only when selected.")
            .ResolveAsync(async c => await c.Source.TotalCount(c.CancellationToken).ConfigureAwait(false));
    }
}

public sealed class EdgeGraphType<TNodeType, TNode> : ObjectGraphType<Edge<TNode>>
    where TNodeType : IGraphType
{
    public EdgeGraphType()
    {
        Name = typeof(TNodeType).GraphQLName() + "Edge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Resolve(c => c.Source.Node);
    }
}

/// <summary>Every subgraph defines PageInfo the same way, so it is shareable across the supergraph.</summary>
public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        this.Shareable();
        Field(p => p.HasNextPage);
        Field(p => p.HasPreviousPage);
        Field(p => p.StartCursor, nullable: true);
        Field(p => p.EndCursor, nullable: true);
    }
}
