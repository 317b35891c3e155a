using GraphQL;

namespace Coursera.GraphQL;

/// <summary>One GraphQL request as it arrives over HTTP or a WebSocket, before execution.</summary>
public sealed record GraphQLRequest(string Query, string? OperationName = null, Inputs? Variables = null, Inputs? Extensions = null);
