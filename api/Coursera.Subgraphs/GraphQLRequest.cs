using GraphQL;

namespace Coursera.Subgraphs;

/// <summary>One GraphQL request as it arrives over HTTP or a WebSocket, before execution.</summary>
public sealed record GraphQLRequest(string Query, string? OperationName = null, Inputs? Variables = null, Inputs? Extensions = null);
