using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Coursera.Documents.Postgres;

/// <summary>
/// The b-tree index on a collection's fields. DDL takes no parameters, so the paths are written into the statement:
/// only plain words are accepted as their segments.
/// </summary>
internal static partial class PostgresIndex
{
    public static DocumentPath Path(string field)
    {
        var path = DocumentPath.Parse(field);
        if (!path.Segments.All(Segment().IsMatch))
        {
            throw new ArgumentException($"'{field}' cannot be indexed: index paths are made of letters, digits, '_' and '-'.", nameof(field));
        }

        return path;
    }

    /// <summary>
    /// The expression a query's <c>body #&gt;&gt; $path</c> matches once PostgreSQL has put the parameter's value in.
    /// </summary>
    public static string Expression(DocumentPath path) => $"(body #>> '{{{string.Join(',', path.Segments)}}}')";

    /// <summary>
    /// <c>doc_{collection}_{fields}_{hash}</c>, cut to PostgreSQL's 63 bytes; the hash of the exact field list keeps
    /// two lists apart even when their readable part is cut or spelled alike.
    /// </summary>
    public static string Name(string collection, IReadOnlyList<DocumentPath> paths)
    {
        var fields = string.Join("__", paths.Select(p => string.Join('_', p.Segments))).ToLowerInvariant().Replace('-', '_');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', paths))))[..8];
        var readable = $"doc_{collection}_{fields}";
        return $"{readable[..Math.Min(readable.Length, 63 - 9)]}_{hash}";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();
}
