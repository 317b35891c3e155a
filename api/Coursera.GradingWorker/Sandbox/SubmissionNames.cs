namespace Coursera.GradingWorker.Sandbox;

/// <summary>
/// The file names a submission may use: relative paths under the submission folder, so that no name can place a file
/// anywhere else in the job folder (or outside it) before the sandbox even starts.
/// </summary>
internal static class SubmissionNames
{
    /// <summary>Why the files cannot be laid out, or null when they can.</summary>
    public static string? Refusal(IReadOnlyList<SubmissionFile> files)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var problem = Problem(file.Name);
            if (problem is not null)
            {
                return $"the file name \"{file.Name}\" is not allowed: {problem}";
            }

            if (!names.Add(file.Name))
            {
                return $"the file \"{file.Name}\" is there twice";
            }
        }

        foreach (var name in names)
        {
            for (var slash = name.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = name.IndexOf('/', slash + 1))
            {
                if (names.Contains(name[..slash]))
                {
                    return $"\"{name[..slash]}\" is both a file and the folder of \"{name}\"";
                }
            }
        }

        return null;
    }

    private static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty";
        }

        if (name.Contains('\0', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return "names are relative paths with / between folders";
        }

        if (name.StartsWith('/'))
        {
            return "it is an absolute path";
        }

        foreach (var segment in name.Split('/'))
        {
            switch (segment)
            {
                case "":
                    return "it has an empty part";
                case "." or "..":
                    return $"it has a \"{segment}\" part";
            }
        }

        return null;
    }
}
