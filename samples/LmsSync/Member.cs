namespace LmsSync;

/// <summary>
/// A person the LMS wants in the program: the platform invites the email, and knows them by the LMS's own external id
/// (which the bulk enrollment and the learning records use) once they have joined.
/// </summary>
public sealed record Member(string Email, string ExternalId)
{
    /// <summary>Reads a CSV with the header <c>email,externalId</c> (in either order; other columns are ignored).</summary>
    /// <exception cref="InvalidDataException">A column is missing, or a row lacks a value.</exception>
    public static List<Member> Load(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var header = lines.Count > 0 ? Csv.Parse(lines[0]) : [];
        var email = header.FindIndex(h => h.Trim().Equals("email", StringComparison.OrdinalIgnoreCase));
        var externalId = header.FindIndex(h => h.Trim().Equals("externalId", StringComparison.OrdinalIgnoreCase));
        if (email < 0 || externalId < 0)
        {
            throw new InvalidDataException($"{path} needs the columns email and externalId.");
        }

        return [.. lines.Skip(1).Select((line, i) =>
        {
            var fields = Csv.Parse(line);
            var member = new Member(fields.ElementAtOrDefault(email)?.Trim() ?? "", fields.ElementAtOrDefault(externalId)?.Trim() ?? "");
            return member.Email.Length > 0 && member.ExternalId.Length > 0
                ? member
                : throw new InvalidDataException($"{path} row {i + 2} needs an email and an externalId.");
        })];
    }
}
