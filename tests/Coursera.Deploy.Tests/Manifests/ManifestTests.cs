namespace Coursera.Deploy.Tests.Manifests;

/// <summary>
/// The rendered overlays of deploy/k8s are what a cluster would accept (schema) and what a rollout needs (references),
/// and the checks are shown to fail on broken manifests (Fixtures/).
/// </summary>
public sealed class ManifestTests
{
    [Theory]
    [InlineData("deploy/k8s/overlays/production")]
    [InlineData("deploy/k8s/overlays/development")]
    public async Task An_overlay_renders_to_objects_the_kubernetes_api_accepts(string overlay)
    {
        var rendered = await RenderedManifests.RenderAsync(overlay);

        Assert.Empty(rendered.Problems);
        Assert.Empty(await ApiSchema.ProblemsAsync(rendered.Yaml));
        Assert.Equal(9, rendered.Objects.OfType<k8s.Models.V1Deployment>().Count());
    }

    [Theory]
    [InlineData("deploy/k8s/overlays/production")]
    [InlineData("deploy/k8s/overlays/development")]
    public async Task Every_reference_of_an_overlay_resolves(string overlay)
    {
        var rendered = await RenderedManifests.RenderAsync(overlay);

        Assert.Empty(new ManifestReferences(rendered.Objects, ReferenceDocumentation.FromRepository()).Check());
    }

    [Fact]
    public async Task Each_broken_reference_of_the_fixture_is_reported()
    {
        var rendered = await RenderedManifests.RenderAsync("tests/Coursera.Deploy.Tests/Fixtures/broken-references");

        var problems = new ManifestReferences(rendered.Objects, ReferenceDocumentation.FromRepository()).Check();

        string[] expected =
        [
            "Service/catalog: its selector matches the pods of no Deployment",
            "Service/gateway port http: target port https is not a port of Deployment/gateway's pods",
            "Deployment/identity container identity: the readiness probe asks /healthz; the service answers readiness at /health/ready",
            "Deployment/assessment container assessment: the readiness probe's port 8080 is not the management port (9090), the only one that answers /health/ready",
            "Deployment/learner container learner env Learner__CertificateSigningKey: Secret coursera-learner-keys key signing-key is not documented in deploy/k8s/README.md",
            "Deployment/billing container billing env Billing__RefundDays: ConfigMap billing-settings is not rendered",
            "HorizontalPodAutoscaler/media: scales Deployment/medias, which is not rendered",
            "PodDisruptionBudget/webhooks: its selector matches no pods",
            "NetworkPolicy/subgraphs: its podSelector matches no pods",
            "Ingress/coursera path /: Service/gateway has no port grpc",
        ];
        Assert.All(expected, problem => Assert.Contains(problem, problems));
        Assert.Equal(expected.Length, problems.Count);
    }

    [Fact]
    public async Task A_field_the_api_does_not_have_or_a_missing_required_one_is_reported()
    {
        var yaml = await File.ReadAllTextAsync(Repository.Path("tests/Coursera.Deploy.Tests/Fixtures/broken-schema.yaml"));

        var rendered = RenderedManifests.Read(yaml);
        var schema = await ApiSchema.ProblemsAsync(yaml);

        Assert.Contains(rendered.Problems, p => p.StartsWith("Deployment/typo:", StringComparison.Ordinal) && p.Contains("'replica' not found", StringComparison.Ordinal));
        Assert.Contains(rendered.Problems, p => p.StartsWith("Servce/misspelt:", StringComparison.Ordinal));
        Assert.Contains("Deployment/nameless: /spec/template/spec/containers/0 must have required property name", schema);
        Assert.Contains("Servce/misspelt: no such kind in the Kubernetes API: apiVersion v1, kind Servce", schema);
    }
}
