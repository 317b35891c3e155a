using k8s.Models;

namespace Coursera.Deploy.Tests.Manifests;

/// <summary>
/// What the API server would accept but a rollout would trip on: names that point at nothing. Every Service selects the
/// pods of a Deployment, which have its target port; probes ask the paths the services serve, readiness on the
/// management port; every ConfigMap and key a pod reads is rendered, every Secret and key is documented; autoscalers
/// and disruption budgets have their targets; network policies select pods and name ports those pods have; the
/// Ingress's backends exist; images are ones the build script makes.
/// </summary>
internal sealed class ManifestReferences(IReadOnlyList<object> objects, ReferenceDocumentation documentation)
{
    private readonly List<string> _problems = [];

    private IEnumerable<V1Deployment> Deployments => objects.OfType<V1Deployment>();

    public IReadOnlyList<string> Check()
    {
        foreach (var deployment in Deployments)
        {
            CheckPods($"Deployment/{deployment.Name()}", deployment.Spec.Template.Spec, serves: Label(deployment.Spec.Template, "app.kubernetes.io/component") == "server");
            if (!Selects(deployment.Spec.Selector, deployment.Spec.Template.Metadata?.Labels))
            {
                _problems.Add($"Deployment/{deployment.Name()}: its selector does not select its own pod template");
            }
        }

        foreach (var job in objects.OfType<V1Job>())
        {
            CheckPods($"Job/{job.Name()}", job.Spec.Template.Spec, serves: false);
        }

        foreach (var service in objects.OfType<V1Service>())
        {
            CheckService(service);
        }

        foreach (var autoscaler in objects.OfType<V2HorizontalPodAutoscaler>())
        {
            var target = autoscaler.Spec.ScaleTargetRef;
            if (target.Kind != "Deployment" || !Deployments.Any(d => d.Name() == target.Name && d.Namespace() == autoscaler.Namespace()))
            {
                _problems.Add($"HorizontalPodAutoscaler/{autoscaler.Name()}: scales {target.Kind}/{target.Name}, which is not rendered");
            }
        }

        foreach (var budget in objects.OfType<V1PodDisruptionBudget>())
        {
            if (!PodLabels(budget.Namespace()).Any(labels => Selects(budget.Spec.Selector, labels)))
            {
                _problems.Add($"PodDisruptionBudget/{budget.Name()}: its selector matches no pods");
            }
        }

        foreach (var policy in objects.OfType<V1NetworkPolicy>())
        {
            CheckNetworkPolicy(policy);
        }

        foreach (var ingress in objects.OfType<V1Ingress>())
        {
            CheckIngress(ingress);
        }

        return _problems;
    }

    private void CheckPods(string owner, V1PodSpec pod, bool serves)
    {
        foreach (var container in (pod.InitContainers ?? []).Concat(pod.Containers))
        {
            var where = $"{owner} container {container.Name}";
            var image = container.Image.Split(':')[0].Split('/')[^1];
            if (!documentation.Images.Contains(image))
            {
                _problems.Add($"{where}: image {container.Image} is not built by deploy/k8s/images/build.sh (services.tsv)");
            }

            var settings = CheckSettings(where, container);
            foreach (var mount in container.VolumeMounts ?? [])
            {
                if (pod.Volumes?.Any(v => v.Name == mount.Name) != true)
                {
                    _problems.Add($"{where}: mounts volume {mount.Name}, which the pod does not have");
                }
            }

            if (serves)
            {
                CheckProbes(where, container, settings);
            }
        }

        foreach (var volume in pod.Volumes ?? [])
        {
            if (volume.Secret is { } secret)
            {
                foreach (var key in secret.Items?.Select(i => i.Key) ?? [null])
                {
                    RequireDocumentedSecret($"{owner} volume {volume.Name}", secret.SecretName, key);
                }
            }

            if (volume.ConfigMap is { } map)
            {
                foreach (var key in map.Items?.Select(i => i.Key) ?? [null])
                {
                    RequireConfigMap($"{owner} volume {volume.Name}", map.Name, key);
                }
            }
        }
    }

    /// <summary>Checks what the container reads and returns its settings as the process sees them (maps, then env).</summary>
    private Dictionary<string, string> CheckSettings(string where, V1Container container)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } mapRef && RequireConfigMap(where, mapRef.Name, key: null) is { } map)
            {
                foreach (var (key, value) in map.Data ?? new Dictionary<string, string>())
                {
                    settings[key] = value;
                }
            }

            if (source.SecretRef is { } secretRef)
            {
                RequireDocumentedSecret(where, secretRef.Name, key: null);
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom?.SecretKeyRef is { } secret)
            {
                RequireDocumentedSecret($"{where} env {variable.Name}", secret.Name, secret.Key);
            }
            else if (variable.ValueFrom?.ConfigMapKeyRef is { } mapKey)
            {
                if (RequireConfigMap($"{where} env {variable.Name}", mapKey.Name, mapKey.Key) is { } map)
                {
                    settings[variable.Name] = map.Data[mapKey.Key];
                }
            }
            else if (variable.Value is not null)
            {
                settings[variable.Name] = variable.Value;
            }
        }

        return settings;
    }

    /// <summary>
    /// Liveness on /health/live (any port), readiness on /health/ready on the port the service takes for
    /// Management:Port: the only port that answers it outside Development. Each probed port is one the service listens
    /// on (ASPNETCORE_HTTP_PORTS).
    /// </summary>
    private void CheckProbes(string where, V1Container container, Dictionary<string, string> settings)
    {
        var listening = settings.GetValueOrDefault("ASPNETCORE_HTTP_PORTS")?.Split(';').Select(p => p.Trim()).ToHashSet() ?? [];
        var management = settings.GetValueOrDefault("Management__Port");
        if (management is null || !listening.Contains(management))
        {
            _problems.Add($"{where}: Management__Port ({management ?? "unset"}) is not one of the ports it listens on (ASPNETCORE_HTTP_PORTS {string.Join(";", listening)})");
        }

        foreach (var (kind, probe, path) in new[] { ("liveness", container.LivenessProbe, "/health/live"), ("readiness", container.ReadinessProbe, "/health/ready") })
        {
            if (probe?.HttpGet is not { } get)
            {
                _problems.Add($"{where}: no {kind} probe");
                continue;
            }

            if (get.Path != path || !documentation.ServedPaths.Contains(get.Path))
            {
                _problems.Add($"{where}: the {kind} probe asks {get.Path}; the service answers {kind} at {path}");
            }

            var port = ContainerPort(container, get.Port);
            if (port is null)
            {
                _problems.Add($"{where}: the {kind} probe's port {get.Port.Value} is not a port of the container");
            }
            else if (!listening.Contains(port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                _problems.Add($"{where}: the {kind} probe's port {port} is not one the service listens on");
            }
            else if (kind == "readiness" && port.ToString() != management)
            {
                _problems.Add($"{where}: the readiness probe's port {port} is not the management port ({management}), the only one that answers /health/ready");
            }
        }
    }

    private void CheckService(V1Service service)
    {
        var selected = Deployments
            .Where(d => d.Namespace() == service.Namespace() && service.Spec.Selector is { Count: > 0 } selector
                && selector.All(l => Label(d.Spec.Template, l.Key) == l.Value))
            .ToList();
        if (selected.Count == 0)
        {
            _problems.Add($"Service/{service.Name()}: its selector matches the pods of no Deployment");
            return;
        }

        foreach (var port in service.Spec.Ports)
        {
            IntOrString target = port.TargetPort ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var deployment in selected.Where(d => !d.Spec.Template.Spec.Containers.Any(c => ContainerPort(c, target) is not null)))
            {
                _problems.Add($"Service/{service.Name()} port {port.Name}: target port {target.Value} is not a port of Deployment/{deployment.Name()}'s pods");
            }
        }
    }

    private void CheckNetworkPolicy(V1NetworkPolicy policy)
    {
        var where = $"NetworkPolicy/{policy.Name()}";
        var targets = PodsOf(policy.Namespace(), policy.Spec.PodSelector).ToList();
        if (targets.Count == 0)
        {
            _problems.Add($"{where}: its podSelector matches no pods");
        }

        foreach (var rule in policy.Spec.Ingress ?? [])
        {
            CheckPeers(where, policy.Namespace(), rule.FromProperty);
            CheckPorts(where, rule.Ports, targets);
        }

        foreach (var rule in policy.Spec.Egress ?? [])
        {
            var peers = CheckPeers(where, policy.Namespace(), rule.To);

            // Egress to pods of this namespace: the named ports are theirs; elsewhere they cannot be checked here.
            if (peers is not null)
            {
                CheckPorts(where, rule.Ports, peers);
            }
        }
    }

    /// <summary>The pods of this namespace that peers select (null when a peer is outside it: another namespace, an address block).</summary>
    private List<V1PodTemplateSpec>? CheckPeers(string where, string ns, IList<V1NetworkPolicyPeer>? peers)
    {
        if (peers is null || peers.Count == 0)
        {
            return null;
        }

        var local = new List<V1PodTemplateSpec>();
        var outside = false;
        foreach (var peer in peers)
        {
            if (peer.NamespaceSelector is not null || peer.IpBlock is not null)
            {
                outside = true;
                continue;
            }

            var pods = PodsOf(ns, peer.PodSelector).ToList();
            if (pods.Count == 0)
            {
                _problems.Add($"{where}: a peer's podSelector matches no pods");
            }

            local.AddRange(pods);
        }

        return outside ? null : local;
    }

    private void CheckPorts(string where, IList<V1NetworkPolicyPort>? ports, List<V1PodTemplateSpec> pods)
    {
        foreach (var port in (ports ?? []).Where(p => p.Port is not null && !int.TryParse(p.Port.Value, out _)))
        {
            var without = pods.Where(pod => !pod.Spec.Containers.Any(c => c.Ports?.Any(p => p.Name == port.Port.Value) == true)).ToList();
            if (without.Count > 0)
            {
                _problems.Add($"{where}: port {port.Port.Value} is not a port of the pods of {string.Join(", ", without.Select(p => Label(p, "app.kubernetes.io/name")))}");
            }
        }
    }

    private void CheckIngress(V1Ingress ingress)
    {
        var where = $"Ingress/{ingress.Name()}";
        foreach (var tls in ingress.Spec.Tls ?? [])
        {
            RequireDocumentedSecret($"{where} tls", tls.SecretName, "tls.crt");
            RequireDocumentedSecret($"{where} tls", tls.SecretName, "tls.key");
        }

        foreach (var path in ingress.Spec.Rules.SelectMany(r => r.Http?.Paths ?? []))
        {
            var backend = path.Backend.Service;
            var service = objects.OfType<V1Service>().FirstOrDefault(s => s.Name() == backend.Name && s.Namespace() == ingress.Namespace());
            if (service is null)
            {
                _problems.Add($"{where} path {path.Path}: backend Service/{backend.Name} is not rendered");
            }
            else if (!service.Spec.Ports.Any(p => backend.Port.Name is { } name ? p.Name == name : p.Port == backend.Port.Number))
            {
                _problems.Add($"{where} path {path.Path}: Service/{backend.Name} has no port {backend.Port.Name ?? backend.Port.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }
    }

    private V1ConfigMap? RequireConfigMap(string where, string name, string? key)
    {
        var map = objects.OfType<V1ConfigMap>().FirstOrDefault(m => m.Name() == name);
        if (map is null)
        {
            _problems.Add($"{where}: ConfigMap {name} is not rendered");
        }
        else if (key is not null && map.Data?.ContainsKey(key) != true)
        {
            _problems.Add($"{where}: ConfigMap {name} has no key {key}");
        }

        return map;
    }

    private void RequireDocumentedSecret(string where, string name, string? key)
    {
        if (!documentation.Secrets.Any(s => s.Name == name && (key is null || s.Key == key)))
        {
            _problems.Add($"{where}: Secret {name}{(key is null ? "" : $" key {key}")} is not documented in deploy/k8s/README.md");
        }
    }

    private static string? Label(V1PodTemplateSpec pod, string key) =>
        pod.Metadata?.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    private static int? ContainerPort(V1Container container, IntOrString port) =>
        int.TryParse(port.Value, out var number)
            ? container.Ports?.FirstOrDefault(p => p.ContainerPort == number)?.ContainerPort
            : container.Ports?.FirstOrDefault(p => p.Name == port.Value)?.ContainerPort;

    private IEnumerable<IDictionary<string, string>?> PodLabels(string ns) =>
        PodsOf(ns, new V1LabelSelector()).Select(p => p.Metadata?.Labels);

    /// <summary>The pod templates of Deployments and Jobs in a namespace that a selector picks (an empty one picks all).</summary>
    private IEnumerable<V1PodTemplateSpec> PodsOf(string ns, V1LabelSelector? selector) =>
        Deployments.Where(d => d.Namespace() == ns).Select(d => d.Spec.Template)
            .Concat(objects.OfType<V1Job>().Where(j => j.Namespace() == ns).Select(j => j.Spec.Template))
            .Where(t => Selects(selector, t.Metadata?.Labels));

    private static bool Selects(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        if (selector is null)
        {
            return true;
        }

        return (selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value)
            && (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
            {
                "In" => labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v),
                "NotIn" => !labels.TryGetValue(e.Key, out var v) || !e.Values.Contains(v),
                "Exists" => labels.ContainsKey(e.Key),
                "DoesNotExist" => !labels.ContainsKey(e.Key),
                _ => false,
            });
    }
}
