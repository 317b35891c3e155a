using Coursera.GradingWorker.Api;
using Coursera.GradingWorker.Sandbox;
using Coursera.GradingWorker.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coursera.GradingWorker.Tests;

/// <summary><see cref="GradingWorker.RunOnceAsync"/> against a platform faked in process, with the real sandbox.</summary>
public sealed class GradingWorkerTests : IDisposable
{
    private readonly FakePlatform _platform = new();
    private readonly HttpClient _http;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "coursera-grading-tests", Guid.NewGuid().ToString("N"));

    public GradingWorkerTests() => _http = new HttpClient(_platform);

    public void Dispose()
    {
        _http.Dispose();
        _platform.Dispose();
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public async Task An_empty_queue_is_reported_with_a_client_credentials_token_for_grading()
    {
        Assert.False(await Worker().RunOnceAsync(default));

        var form = Assert.Single(_platform.TokenRequests);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("grading:work", form["scope"]);
        Assert.Equal(FakePlatform.ClientId, form["client_id"]);
    }

    [Fact]
    public async Task A_leased_submission_is_graded_and_its_score_posted_with_the_lease()
    {
        _platform.Jobs.Enqueue(FakePlatform.Job("job-1", "PYTHON", SandboxTests.AddGrader, ("solution.py", "def add(a, b):\n    return a * b\n")));

        Assert.True(await Worker().RunOnceAsync(default));

        var completion = Assert.Single(_platform.Completions);
        Assert.Equal("job-1", completion["jobId"]!.GetValue<string>());
        Assert.Equal("lease-of-job-1", completion["leaseToken"]!.GetValue<string>());
        Assert.Equal(0.5, completion["fractionalScore"]!.GetValue<double>());
        Assert.Equal("1 of 2 cases passed", completion["feedback"]!.GetValue<string>());
        Assert.Empty(_platform.Failures);
    }

    [Fact]
    public async Task The_token_is_kept_between_jobs()
    {
        _platform.Jobs.Enqueue(FakePlatform.Job("job-1", "SHELL", "echo '{\"fractionalScore\": 1, \"feedback\": \"ok\"}'"));
        var worker = Worker();

        Assert.True(await worker.RunOnceAsync(default));
        Assert.False(await worker.RunOnceAsync(default));

        Assert.Single(_platform.TokenRequests);
        Assert.Single(_platform.Completions);
    }

    [Fact]
    public async Task A_token_the_platform_no_longer_takes_is_replaced_once()
    {
        var worker = Worker();
        Assert.False(await worker.RunOnceAsync(default));
        _platform.RevokeTokens();
        _platform.Jobs.Enqueue(FakePlatform.Job("job-1", "SHELL", "echo '{\"fractionalScore\": 1, \"feedback\": \"ok\"}'"));

        Assert.True(await worker.RunOnceAsync(default));

        Assert.Equal(2, _platform.TokenRequests.Count);
        Assert.Single(_platform.Completions);
    }

    [Fact]
    public async Task A_refused_client_is_an_error_naming_the_refusal()
    {
        var options = FakePlatform.WorkerOptions();
        options.ClientSecret = "wrong";
        var worker = new JobGrader(options, _http, NullLogger.Instance, new BubblewrapSandbox(_work));

        var e = await Assert.ThrowsAsync<GradingApiException>(() => worker.RunOnceAsync(default));

        Assert.Contains("invalid_client Wrong secret.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_the_sandbox_cannot_run_is_handed_back_not_scored()
    {
        _platform.Jobs.Enqueue(FakePlatform.Job("job-1", "PYTHON", SandboxTests.AddGrader, ("solution.py", "")));
        var worker = Worker(new BubblewrapSandbox(_work) { BubblewrapPath = "/nonexistent/bwrap" });

        Assert.True(await worker.RunOnceAsync(default));

        var failure = Assert.Single(_platform.Failures);
        Assert.Equal("lease-of-job-1", failure["leaseToken"]!.GetValue<string>());
        Assert.Contains("/nonexistent/bwrap", failure["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_platform.Completions);
    }

    [Fact]
    public async Task A_grader_in_an_unknown_language_is_handed_back()
    {
        _platform.Jobs.Enqueue(FakePlatform.Job("job-1", "HASKELL", "main = pure ()"));

        Assert.True(await Worker().RunOnceAsync(default));

        Assert.Equal("This worker does not run HASKELL graders.", Assert.Single(_platform.Failures)["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_job_under_way_when_the_worker_stops_is_handed_back()
    {
        _platform.Jobs.Enqueue(FakePlatform.Job("job-1", "PYTHON", "import time\ntime.sleep(60)"));
        using var stopping = new CancellationTokenSource();
        var sandbox = new StoppingSandbox(new BubblewrapSandbox(_work), stopping);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Worker(sandbox).RunOnceAsync(stopping.Token));

        Assert.Equal("The grading worker stopped before the grader finished.", Assert.Single(_platform.Failures)["error"]!.GetValue<string>());
        Assert.Empty(_platform.Completions);
    }

    [Fact]
    public async Task A_lease_lost_to_another_worker_drops_the_result()
    {
        _platform.Jobs.Enqueue(FakePlatform.Job("job-1", "SHELL", "echo '{\"fractionalScore\": 1, \"feedback\": \"ok\"}'"));
        _platform.Refusal = "LEASE_LOST";

        Assert.True(await Worker().RunOnceAsync(default));

        Assert.Empty(_platform.Completions);
    }

    [Fact]
    public async Task Any_other_refusal_is_an_error()
    {
        _platform.Jobs.Enqueue(FakePlatform.Job("job-1", "SHELL", "echo '{\"fractionalScore\": 1, \"feedback\": \"ok\"}'"));
        _platform.Refusal = "JOB_NOT_FOUND";

        var e = await Assert.ThrowsAsync<GradingApiException>(() => Worker().RunOnceAsync(default));

        Assert.Equal("completeGradingJob refused: JOB_NOT_FOUND Refused. (input.leaseToken)", e.Message);
    }

    [Fact]
    public void The_module_builds_a_worker_from_configuration_and_refuses_one_without_an_endpoint()
    {
        using var configured = Host(new() { ["GradingWorker:Endpoint"] = "http://127.0.0.1:8080/graphql" });
        using var unconfigured = Host([]);

        Assert.NotNull(configured.Services.GetRequiredService<JobGrader>());
        Assert.Equal(TimeSpan.FromSeconds(1), configured.Services.GetRequiredService<IOptions<GradingWorkerOptions>>().Value.PollInterval);
        var e = Assert.Throws<OptionsValidationException>(() => unconfigured.Services.GetRequiredService<JobGrader>());
        Assert.Contains("GradingWorker:Endpoint", e.Message, StringComparison.Ordinal);
    }

    private JobGrader Worker(IGradingSandbox? sandbox = null) =>
        new(FakePlatform.WorkerOptions(), _http, NullLogger.Instance, sandbox ?? new BubblewrapSandbox(_work));

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GradingWorker:Authority"] = "http://127.0.0.1:8080",
            ["GradingWorker:ClientId"] = "grading-worker",
            ["GradingWorker:ClientSecret"] = "s3cret",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGradingWorker();
        return builder.Build();
    }

    /// <summary>Stops the worker as the grader starts.</summary>
    private sealed class StoppingSandbox(IGradingSandbox sandbox, CancellationTokenSource stopping) : IGradingSandbox
    {
        public async Task<GradingOutcome> GradeAsync(Grader grader, IReadOnlyList<SubmissionFile> files, CancellationToken cancellationToken)
        {
            var grading = sandbox.GradeAsync(grader, files, cancellationToken);
            await stopping.CancelAsync();
            return await grading;
        }
    }
}