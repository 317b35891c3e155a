using System.Text;
using Coursera.Assessment.Model;
using Coursera.Subgraphs.UserErrors;

namespace Coursera.Assessment.Programming;

/// <summary>
/// What a programming submission may hold: a few text files under relative paths the grader can rely on (no
/// absolute paths, no <c>..</c>), within the grader's limits.
/// </summary>
public static class SubmissionFiles
{
    public const string InvalidFiles = "INVALID_FILES";

    public static UserError? Check(IReadOnlyList<SubmittedFile> files, ProgrammingGrader grader)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(grader);
        if (files.Count == 0 || files.Count > grader.MaxFiles)
        {
            return UserError.For(InvalidFiles, $"Submit 1 to {grader.MaxFiles} files.", "files");
        }

        if (files.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != files.Count)
        {
            return UserError.For(InvalidFiles, "Each file name once.", "files");
        }

        foreach (var file in files)
        {
            if (!IsRelativePath(file.Name))
            {
                return UserError.For(InvalidFiles,
                    $"'{file.Name}' is not a file name: relative paths of letters, digits, '.', '-' and '_', at most 200 characters, no '..'.", "files");
            }

            if (Encoding.UTF8.GetByteCount(file.Content) > grader.MaxFileKilobytes * 1024)
            {
                return UserError.For(InvalidFiles, $"'{file.Name}' is larger than {grader.MaxFileKilobytes} KiB.", "files");
            }
        }

        return null;
    }

    private static bool IsRelativePath(string name) =>
        name.Length is > 0 and <= 200
        && name.Split('/').All(segment => segment.Length > 0 && segment is not "." and not ".."
            && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'));
}
