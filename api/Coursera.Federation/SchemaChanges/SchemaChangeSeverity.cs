namespace Coursera.Federation.SchemaChanges;

/// <summary>What a schema change can do to a client written against the schema before it (graphql-js's classes).</summary>
public enum SchemaChangeSeverity
{
    /// <summary>Some valid operation stops validating, or an answer stops matching the type the client was built for.</summary>
    Breaking,

    /// <summary>Every operation still validates, but a client may see something it does not handle (a new enum value, another union member, a changed default).</summary>
    Dangerous,

    /// <summary>Nothing a client relies on changes (a field added, a deprecation, a description).</summary>
    Safe,
}
