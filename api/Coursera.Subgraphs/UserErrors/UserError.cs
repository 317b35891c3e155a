namespace Coursera.Subgraphs.UserErrors;

/// <summary>
/// A business-rule failure returned in a mutation payload (<c>errors: [UserError!]!</c>), not as a GraphQL error:
/// the request was well formed, the change was refused, and nothing was stored.
/// </summary>
/// <param name="Code">Stable, SCREAMING_CASE, for clients to branch on.</param>
/// <param name="Message">For people.</param>
/// <param name="Path">The input field at fault, e.g. <c>["input", "slug"]</c>.</param>
public sealed record UserError(string Code, string Message, IReadOnlyList<string> Path)
{
    public static UserError For(string code, string message, params string[] inputField) =>
        new(code, message, ["input", .. inputField]);
}
