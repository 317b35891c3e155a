using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Coursera.GradingWorker.Sandbox;

/// <summary>
/// Grades each submission in a bubblewrap sandbox of its own: no network, nothing of the host but a read-only
/// <c>/usr</c>, the submission and the grader read-only, a private <c>/tmp</c>, the grader's memory limit on every
/// process and on <c>/tmp</c>, and the whole process tree killed at its time limit. Each job gets a fresh folder
/// under <see cref="WorkFolder"/>, removed when it is graded.
/// </summary>
public sealed class BubblewrapSandbox(string workFolder) : IGradingSandbox
{
    /// <summary>The most kept of each of the grader's standard output and standard error.</summary>
    public const int OutputLimit = 64 * 1024;

    // Written by the sandbox's first command: stderr that does not begin with it comes from bubblewrap, which
    // could not set the sandbox up, and not from the grader or the submission (which only run after it).
    private const string StartedMarker = "coursera-grading-sandbox: started";

    // Everything in the sandbox comes from the host's /usr (merged /usr, as on Debian 12), so these are the
    // programs the sandbox will find.
    private const string Prlimit = "/usr/bin/prlimit";
    private const string Sh = "/usr/bin/sh";
    private const string Python3 = "/usr/bin/python3";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string WorkFolder { get; } = Path.GetFullPath(workFolder);

    /// <summary>The bubblewrap program, looked up on PATH unless a path is given.</summary>
    public string BubblewrapPath { get; init; } = "bwrap";

    public async Task<GradingOutcome> GradeAsync(Grader grader, IReadOnlyList<SubmissionFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grader);
        ArgumentNullException.ThrowIfNull(files);
        var (script, command) = Command(grader);
        var refusal = SubmissionNames.Refusal(files);
        if (refusal is not null)
        {
            return new(0, $"The submission was not graded: {refusal}.");
        }

        var jobFolder = Path.Combine(WorkFolder, Guid.NewGuid().ToString("N"));
        try
        {
            var submission = Directory.CreateDirectory(Path.Combine(jobFolder, "submission")).FullName;
            var graderFolder = Directory.CreateDirectory(Path.Combine(jobFolder, "grader")).FullName;
            foreach (var file in files)
            {
                var path = Path.Combine(submission, file.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, file.Content, Utf8, cancellationToken);
            }

            await File.WriteAllTextAsync(Path.Combine(graderFolder, script), grader.Script, Utf8, cancellationToken);
            var run = await RunAsync(Arguments(submission, graderFolder, grader, command), grader.TimeLimitSeconds, cancellationToken);
            return GraderVerdict.Of(run, grader.TimeLimitSeconds);
        }
        finally
        {
            try
            {
                Directory.Delete(jobFolder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing in the sandbox could write here, so this is the host's business (a full disk, a folder
                // removed from under us); the outcome of the job stands.
            }
        }
    }

    private static (string Script, string[] Command) Command(Grader grader)
    {
        var (script, interpreter, command) = grader.Language switch
        {
            Grader.Python => ("grade.py", Python3, new[] { "python3", "/grader/grade.py" }),
            Grader.Shell => ("grade.sh", Sh, ["sh", "/grader/grade.sh"]),
            _ => throw new SandboxUnavailableException($"This worker does not run {grader.Language} graders."),
        };
        if (grader.TimeLimitSeconds <= 0 || grader.MemoryMegabytes <= 0)
        {
            throw new SandboxUnavailableException(
                $"The grader's limits are not usable ({grader.TimeLimitSeconds} s, {grader.MemoryMegabytes} MB): a grader runs only with both.");
        }

        foreach (var program in new[] { Sh, Prlimit, interpreter })
        {
            if (!File.Exists(program))
            {
                throw new SandboxUnavailableException($"{program} is missing on this worker.");
            }
        }

        return (script, command);
    }

    private static List<string> Arguments(string submission, string grader, Grader spec, string[] command)
    {
        var bytes = spec.MemoryMegabytes * 1024L * 1024L;
        List<string> arguments =
        [
            "--unshare-all", "--die-with-parent", "--new-session",
            "--ro-bind", "/usr", "/usr",
            "--symlink", "usr/bin", "/bin",
            "--symlink", "usr/lib", "/lib",
            "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/sbin", "/sbin",
            "--proc", "/proc",
            "--dev", "/dev",
            // A tmpfs lives in memory the address-space limit does not count: it gets a limit of its own.
            "--size", bytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp",
            "--ro-bind", submission, "/submission",
            "--ro-bind", grader, "/grader",
            "--chdir", "/submission",
            "--clearenv",
            "--setenv", "PATH", "/usr/bin:/bin",
            "--setenv", "HOME", "/tmp",
            "--setenv", "LANG", "C.UTF-8",
            "--",
            // The limit is set inside the sandbox so that it binds the grader and everything it starts, and not
            // bubblewrap.
            "sh", "-c",
            string.Create(CultureInfo.InvariantCulture, $"echo '{StartedMarker}' >&2 && exec prlimit --as={bytes} \"$@\""),
            "sandbox",
        ];
        arguments.AddRange(command);
        return arguments;
    }

    private async Task<GraderRun> RunAsync(List<string> arguments, int timeLimitSeconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(BubblewrapPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            await SandboxLauncher.StartAsync(process);
        }
        catch (Win32Exception e)
        {
            throw new SandboxUnavailableException($"bubblewrap ({BubblewrapPath}) could not be started: {e.Message}", e);
        }

        // A grader that reads its input gets the end of it, not the worker's terminal.
        process.StandardInput.Close();
        var output = new OutputTail(OutputLimit);
        var errors = new OutputTail(OutputLimit);
        var reading = output.CopyAsync(process.StandardOutput);
        var started = ReadErrorsAsync(process.StandardError, errors);

        var timedOut = false;
        using (var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeLimit.CancelAfter(TimeSpan.FromSeconds(timeLimitSeconds));
            try
            {
                await process.WaitForExitAsync(timeLimit.Token);
            }
            catch (OperationCanceledException)
            {
                KillTree(process);
                await process.WaitForExitAsync(CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
                timedOut = true;
            }
        }

        try
        {
            // The pipes close with the last process of the sandbox, which bubblewrap's PID namespace takes down with
            // it; the wait is bounded all the same, so that a stray writer cannot hold the worker.
            await Task.WhenAll(reading, started).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (TimeoutException)
        {
        }

        if (!timedOut && started is { IsCompletedSuccessfully: true, Result: false })
        {
            var said = errors.ToString().Trim();
            throw new SandboxUnavailableException(
                $"bubblewrap could not set up the sandbox (exit code {process.ExitCode}): {(said.Length > 2000 ? said[..2000] : said)}");
        }

        return new GraderRun(process.ExitCode, timedOut, output.ToString(), errors.ToString());
    }

    /// <summary>Copies the grader's standard error, without the marker, and says whether the marker came first.</summary>
    private static async Task<bool> ReadErrorsAsync(StreamReader reader, OutputTail errors)
    {
        var first = await reader.ReadLineAsync();
        var started = first == StartedMarker;
        if (first is not null && !started)
        {
            errors.Append(first + "\n");
        }

        await errors.CopyAsync(reader);
        return started;
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own in the meantime.
        }
    }
}
