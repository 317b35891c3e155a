using System.Text;

namespace Coursera.Identity.Keys;

/// <summary>
/// Files only the service's own user may read (keys, generated credentials): the folder is made 0700 and the file
/// 0600 by the call that creates them, so there is no moment when the umask's 0755/0644 lets another local user in.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> owner-only if it does not exist yet (a folder that exists is left as it is).</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyFolder);
        }
    }

    /// <summary>Writes <paramref name="content"/>, creating the file owner-only (and narrowing an older file's mode).</summary>
    public static async Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        await using (var file = new FileStream(path, Options()))
        {
            await file.WriteAsync(Encoding.UTF8.GetBytes(content), cancellationToken);
        }

        Narrow(path);
    }

    public static void WriteAllText(string path, string content)
    {
        using (var file = new FileStream(path, Options()))
        {
            file.Write(Encoding.UTF8.GetBytes(content));
        }

        Narrow(path);
    }

    private static FileStreamOptions Options()
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return options;
    }

    private static void Narrow(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerOnlyFile);
        }
    }
}
