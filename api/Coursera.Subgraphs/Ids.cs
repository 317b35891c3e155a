using Coursera.Subgraphs.Errors;

namespace Coursera.Subgraphs;

/// <summary>IDs are UUIDv7 strings on the wire; a malformed one is the client's error, reported as BAD_USER_INPUT.</summary>
public static class Ids
{
    public static Guid Parse(string? value, string argument) =>
        Guid.TryParse(value, out var id)
            ? id
            : throw GraphQLErrors.BadUserInput($"'{argument}' is not a valid ID.");
}
