using System.Net;
using System.Net.Sockets;
using Coursera.GradingWorker.Sandbox;

namespace Coursera.GradingWorker.Tests;

/// <summary>The bubblewrap sandbox for real: what a grader and a submission can and cannot do, and what is posted.</summary>
public sealed class SandboxTests : IDisposable
{
    /// <summary>Scores a learner's <c>add</c>: the share of cases it gets right.</summary>
    internal const string AddGrader = """
        import json, runpy
        cases = [(2, 2, 4), (1, 2, 3)]
        try:
            add = runpy.run_path("/submission/solution.py")["add"]
            passed = sum(1 for a, b, want in cases if add(a, b) == want)
            feedback = f"{passed} of {len(cases)} cases passed"
        except Exception as e:
            passed, feedback = 0, f"Your solution raised {type(e).__name__}: {e}"
        print(json.dumps({"fractionalScore": passed / len(cases), "feedback": feedback}))
        """;

    // Runs the submission's probe() and reports what it returned.
    private const string ProbeGrader = """
        import json, runpy
        result = runpy.run_path("/submission/solution.py")["probe"]()
        print(json.dumps({"fractionalScore": 1, "feedback": result}))
        """;

    private readonly string _work = Path.Combine(Path.GetTempPath(), "coursera-grading-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public async Task A_right_solution_scores_full_marks()
    {
        var outcome = await GradeAsync(Python(AddGrader), Solution("def add(a, b):\n    return a + b\n"));

        Assert.Equal(1.0, outcome.FractionalScore);
        Assert.Equal("2 of 2 cases passed", outcome.Feedback);
    }

    [Fact]
    public async Task A_wrong_solution_scores_the_cases_it_gets_right()
    {
        var outcome = await GradeAsync(Python(AddGrader), Solution("def add(a, b):\n    return a * b\n"));

        Assert.Equal(0.5, outcome.FractionalScore);
        Assert.Equal("1 of 2 cases passed", outcome.Feedback);
    }

    [Fact]
    public async Task A_solution_that_does_not_compile_scores_zero_with_the_grader_s_feedback()
    {
        var outcome = await GradeAsync(Python(AddGrader), Solution("def add(a, b) return a + b\n"));

        Assert.Equal(0, outcome.FractionalScore);
        Assert.StartsWith("Your solution raised SyntaxError", outcome.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_solution_cannot_reach_a_listener_on_the_host_s_loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var solution = $$"""
            import socket
            def probe():
                try:
                    socket.create_connection(("127.0.0.1", {{port}}), timeout=3).close()
                    return "connected"
                except OSError as e:
                    return f"blocked: {e}"
            """;

        var outcome = await GradeAsync(Python(ProbeGrader), Solution(solution));

        Assert.StartsWith("blocked:", outcome.Feedback, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task The_system_and_the_submission_are_read_only_and_tmp_is_writable()
    {
        const string solution = """
            def probe():
                said = []
                for path in ["/usr/graded", "/submission/graded", "/submission/solution.py", "/tmp/scratch"]:
                    try:
                        with open(path, "w") as f:
                            f.write("x")
                        said.append(f"{path}: written")
                    except OSError as e:
                        said.append(f"{path}: {e.strerror}")
                return "; ".join(said)
            """;

        var outcome = await GradeAsync(Python(ProbeGrader), Solution(solution));

        Assert.Equal(
            "/usr/graded: Read-only file system; /submission/graded: Read-only file system; "
            + "/submission/solution.py: Read-only file system; /tmp/scratch: written",
            outcome.Feedback);
        Assert.False(File.Exists("/usr/graded"));
    }

    [Fact]
    public async Task The_grader_sees_no_variable_of_the_worker_s_environment()
    {
        const string solution = """
            import os
            def probe():
                return ",".join(sorted(k for k in os.environ if k not in ("PWD", "OLDPWD", "SHLVL", "_")))
            """;

        var outcome = await GradeAsync(Python(ProbeGrader), Solution(solution));

        Assert.Equal("HOME,LANG,PATH", outcome.Feedback);
    }

    [Fact]
    public async Task An_endless_loop_is_stopped_at_the_time_limit()
    {
        var outcome = await GradeAsync(Python(AddGrader, timeLimitSeconds: 2), Solution("while True:\n    pass\n"));

        Assert.Equal(0, outcome.FractionalScore);
        Assert.Equal("The run took longer than 2 seconds, the time limit, and was stopped.", outcome.Feedback);
    }

    [Fact]
    public async Task Processes_the_grader_started_are_stopped_with_it()
    {
        // The sleeper holds the grader's output open: the run ends only if it is killed too.
        const string grader = """
            import subprocess
            subprocess.Popen(["sleep", "600"])
            subprocess.run(["sleep", "600"])
            """;

        var outcome = await GradeAsync(Python(grader, timeLimitSeconds: 1), Solution(""));

        Assert.Equal("The run took longer than 1 second, the time limit, and was stopped.", outcome.Feedback);
    }

    [Fact]
    public async Task A_run_outlives_the_thread_that_asked_for_it()
    {
        // Every continuation on a thread of its own that ends after it: bubblewrap's --die-with-parent follows the
        // thread that started it, so a sandbox started from such a thread would be killed half-way.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new ThreadPerContinuation());
        Task<GradingOutcome> grading;
        try
        {
            grading = GradeAsync(Python(AddGrader), Solution("import time\ntime.sleep(1)\ndef add(a, b):\n    return a + b\n"));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        Assert.Equal(new GradingOutcome(1, "2 of 2 cases passed"), await grading);
    }

    [Fact]
    public async Task Allocating_more_than_the_memory_limit_fails()
    {
        var outcome = await GradeAsync(Python(AddGrader, memoryMegabytes: 64),
            Solution("data = bytearray(512 * 1024 * 1024)\ndef add(a, b):\n    return a + b\n"));

        Assert.Equal(0, outcome.FractionalScore);
        Assert.Equal("Your solution raised MemoryError: ", outcome.Feedback);
    }

    [Fact]
    public async Task The_same_allocation_within_the_limit_succeeds()
    {
        var outcome = await GradeAsync(Python(AddGrader, memoryMegabytes: 1024),
            Solution("data = bytearray(512 * 1024 * 1024)\ndef add(a, b):\n    return a + b\n"));

        Assert.Equal(1.0, outcome.FractionalScore);
    }

    [Fact]
    public async Task Tmp_holds_no_more_than_the_memory_limit()
    {
        const string solution = """
            def probe():
                try:
                    with open("/tmp/big", "wb") as f:
                        for _ in range(100):
                            f.write(bytes(1024 * 1024))
                    return "wrote 100 MB"
                except OSError as e:
                    return e.strerror
            """;

        var outcome = await GradeAsync(Python(ProbeGrader, memoryMegabytes: 64), Solution(solution));

        Assert.Equal("No space left on device", outcome.Feedback);
    }

    [Fact]
    public async Task A_grader_killed_for_its_memory_reports_its_exit_code_and_error_output()
    {
        var outcome = await GradeAsync(Python("x = bytearray(512 * 1024 * 1024)\n", memoryMegabytes: 64), Solution(""));

        Assert.Equal(0, outcome.FractionalScore);
        Assert.StartsWith("The grader failed with exit code 1.", outcome.Feedback, StringComparison.Ordinal);
        Assert.EndsWith("MemoryError", outcome.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shell_grader_takes_its_result_from_the_last_line_it_prints()
    {
        const string grader = """
            echo "checking answer.txt"
            if [ "$(cat answer.txt)" = "42" ]; then
              echo '{"fractionalScore": 1, "feedback": "Right: 42"}'
            else
              echo '{"fractionalScore": 0, "feedback": "Not 42"}'
            fi
            echo
            """;

        var right = await GradeAsync(new Grader(Grader.Shell, grader, 5, 64), [new("answer.txt", "42")]);
        var wrong = await GradeAsync(new Grader(Grader.Shell, grader, 5, 64), [new("answer.txt", "41")]);

        Assert.Equal(new GradingOutcome(1, "Right: 42"), right);
        Assert.Equal(new GradingOutcome(0, "Not 42"), wrong);
    }

    [Fact]
    public async Task Files_in_folders_are_laid_out_under_the_submission()
    {
        const string grader = """
            import json, os
            names = sorted(os.path.relpath(os.path.join(d, f)) for d, _, fs in os.walk(".") for f in fs)
            print(json.dumps({"fractionalScore": 1, "feedback": ",".join(names) + " " + open("src/util.py").read()}))
            """;

        var outcome = await GradeAsync(Python(grader), [new("main.py", ""), new("src/util.py", "π = 3.14")]);

        Assert.Equal("main.py,src/util.py π = 3.14", outcome.Feedback);
    }

    [Theory]
    [InlineData("print('all good')", "The grader's result is invalid (exit code 0): its last line should be {\"fractionalScore\": 0..1, \"feedback\": \"…\"}.")]
    [InlineData("print('{\"fractionalScore\": 1.5, \"feedback\": \"x\"}')", "The grader's result is invalid (exit code 0): fractionalScore 1.5 is not between 0 and 1.")]
    [InlineData("print('{\"feedback\": \"x\"}')", "The grader's result is invalid (exit code 0): its last line should be {\"fractionalScore\": 0..1, \"feedback\": \"…\"}.")]
    [InlineData("pass", "The grader printed no result (exit code 0).")]
    [InlineData("import sys\nprint('{\"fractionalScore\": 1, \"feedback\": \"x\"}')\nprint('grader crashed', file=sys.stderr)\nsys.exit(3)",
        "The grader failed with exit code 3.\n\nThe end of its error output:\ngrader crashed")]
    public async Task Output_that_is_not_a_result_scores_zero_and_says_why(string grader, string feedback)
    {
        var outcome = await GradeAsync(Python(grader), Solution(""));

        Assert.Equal(new GradingOutcome(0, feedback), outcome);
    }

    [Fact]
    public async Task Only_the_end_of_a_long_error_output_is_kept()
    {
        var outcome = await GradeAsync(Python("import sys\nfor i in range(100000):\n    print(f'line {i}', file=sys.stderr)\nsys.exit(1)"),
            Solution(""));

        Assert.True(outcome.Feedback.Length < 2200, outcome.Feedback);
        Assert.EndsWith("line 99999", outcome.Feedback, StringComparison.Ordinal);
        Assert.Contains("\n…line 99", outcome.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_is_cut_to_what_the_api_takes()
    {
        var outcome = await GradeAsync(Python("import json\nprint(json.dumps({'fractionalScore': 1, 'feedback': 'x' * 20000}))"), Solution(""));

        Assert.Equal(GradingOutcome.MaxFeedbackLength, outcome.Feedback.Length);
        Assert.EndsWith("x…", outcome.Feedback, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape.py", "the file name \"../escape.py\" is not allowed: it has a \"..\" part")]
    [InlineData("src/../../escape.py", "the file name \"src/../../escape.py\" is not allowed: it has a \"..\" part")]
    [InlineData("/etc/cron.d/job", "the file name \"/etc/cron.d/job\" is not allowed: it is an absolute path")]
    [InlineData("src//a.py", "the file name \"src//a.py\" is not allowed: it has an empty part")]
    [InlineData("src/", "the file name \"src/\" is not allowed: it has an empty part")]
    [InlineData("", "the file name \"\" is not allowed: it is empty")]
    [InlineData("solution.py", "the file \"solution.py\" is there twice")]
    [InlineData("solution.py/a.py", "\"solution.py\" is both a file and the folder of \"solution.py/a.py\"")]
    public async Task A_file_name_that_would_leave_the_submission_folder_is_refused(string name, string refusal)
    {
        var outcome = await GradeAsync(Python(AddGrader), [new("solution.py", "def add(a, b):\n    return a + b\n"), new(name, "")]);

        Assert.Equal(new GradingOutcome(0, $"The submission was not graded: {refusal}."), outcome);
    }

    [Fact]
    public async Task Without_bubblewrap_the_grader_cannot_run()
    {
        var sandbox = new BubblewrapSandbox(_work) { BubblewrapPath = "/nonexistent/bwrap" };

        var e = await Assert.ThrowsAsync<SandboxUnavailableException>(() => sandbox.GradeAsync(Python(AddGrader), Solution(""), default));

        Assert.Contains("/nonexistent/bwrap", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_work));
    }

    [Fact]
    public async Task A_sandbox_that_bubblewrap_cannot_set_up_is_not_the_submission_s_fault()
    {
        // /bin/false stands for a bubblewrap that refuses (no user namespaces): it exits 1 before running anything.
        var sandbox = new BubblewrapSandbox(_work) { BubblewrapPath = "/usr/bin/false" };

        await Assert.ThrowsAsync<SandboxUnavailableException>(() => sandbox.GradeAsync(Python(AddGrader), Solution(""), default));
    }

    [Fact]
    public async Task A_grader_in_a_language_this_worker_does_not_know_is_not_run()
    {
        var sandbox = new BubblewrapSandbox(_work);

        var e = await Assert.ThrowsAsync<SandboxUnavailableException>(
            () => sandbox.GradeAsync(new Grader("HASKELL", "main = pure ()", 5, 64), Solution(""), default));

        Assert.Equal("This worker does not run HASKELL graders.", e.Message);
    }

    private static Grader Python(string script, int timeLimitSeconds = 10, int memoryMegabytes = 256) =>
        new(Grader.Python, script, timeLimitSeconds, memoryMegabytes);

    private static SubmissionFile[] Solution(string code) => [new("solution.py", code)];

    /// <summary>Grades, and checks the job's folder is gone afterwards whatever the outcome.</summary>
    private async Task<GradingOutcome> GradeAsync(Grader grader, IReadOnlyList<SubmissionFile> files)
    {
        var outcome = await new BubblewrapSandbox(_work).GradeAsync(grader, files, default);
        Assert.Empty(Directory.Exists(_work) ? Directory.GetFileSystemEntries(_work) : []);
        return outcome;
    }

    private sealed class ThreadPerContinuation : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) =>
            new Thread(() =>
            {
                SetSynchronizationContext(this);
                d(state);
            }).Start();
    }
}