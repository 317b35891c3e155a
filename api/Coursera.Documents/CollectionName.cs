using System.Text.RegularExpressions;

namespace Coursera.Documents;

/// <summary>
/// The names a collection is addressed by. They become PostgreSQL schema and table names and MongoDB database and
/// collection names, so only plain identifiers are accepted: nothing a caller passes can change a statement.
/// </summary>
public static partial class CollectionName
{
    /// <summary>
    /// Leaves room for the adapters' prefixes and suffixes (<c>doc_</c>, index names) within PostgreSQL's 63 bytes.
    /// </summary>
    public const int MaxLength = 50;

    public static void Validate(string owner, string name)
    {
        ValidatePart(owner, nameof(owner));
        ValidatePart(name, nameof(name));
    }

    private static void ValidatePart(string value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        if (!Identifier().IsMatch(value))
        {
            throw new ArgumentException(
                $"'{value}' is not a collection name: use 1 to {MaxLength} lowercase letters, digits and underscores, starting with a letter.",
                parameter);
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,49}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
