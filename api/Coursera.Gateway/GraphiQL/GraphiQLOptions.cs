namespace Coursera.Gateway.GraphiQL;

/// <summary>
/// GraphiQL at the gateway's GraphQL path, for developers' browsers: on in Development, off elsewhere unless
/// <c>Gateway:GraphiQL:Enabled</c> says otherwise (e.g. <c>Gateway__GraphiQL__Enabled=false</c>).
/// </summary>
public sealed class GraphiQLOptions
{
    public const string Section = "Gateway:GraphiQL";

    /// <summary>The public client that signs developers in (authorization code + PKCE); the identity seed registers it.</summary>
    public const string DefaultClientId = "coursera-graphiql";

    /// <summary>Null: on in Development only.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// The folder holding GraphiQL's build output (<c>GraphiQL/web/build.sh</c> writes <c>GraphiQL/web/dist</c>), relative
    /// to the content root. Unset: a <c>graphiql</c> folder in the content root or beside the binaries, else the
    /// source tree's build output.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>The identity service developers sign in with; unset: <c>Identity:Authority</c>, else the gateway's own origin.</summary>
    public string? Authority { get; set; }

    public string ClientId { get; set; } = DefaultClientId;
}
