using System.Collections.Concurrent;
using System.Text;
using Coursera.Gateway;
using Coursera.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Coursera.Platform.Tests.Security;

/// <summary>
/// Every root field of the public schema, called by every kind of caller (<see cref="MatrixCaller"/>), against the rule
/// of <see cref="AuthorizationMatrix"/>: callers outside the rule are refused (anonymous ones told to sign in) or get
/// nothing, and what they send changes nothing; callers inside it are never refused.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixPlatform platform, ITestOutputHelper output) : IClassFixture<AuthorizationMatrixPlatform>
{
    /// <summary>Requests at once: enough to keep a 2-core CI busy without queuing on the connection pools.</summary>
    private const int Parallelism = 6;

    /// <summary>Arguments some fields need beyond the tenant's fixtures, by field.</summary>
    private static readonly Dictionary<string, Func<AuthorizationMatrixPlatform, Dictionary<string, string>>> ArgumentsOf = new()
    {
        ["Query.partner"] = _ => new() { ["slug"] = AuthorizationMatrixPlatform.PartnerSlug },
        ["Query.course"] = p => new() { ["id"] = p.Fixtures["courseId"] },
        ["Query.tenant"] = p => new() { ["id"] = p.OrganizationId.ToString() },
        ["Query.program"] = p => new() { ["id"] = p.Fixtures["programId"] },
        ["Query.bulkEnrollmentJob"] = p => new() { ["id"] = p.Fixtures["jobId"] },
        ["Mutation.eraseAccount"] = p => new() { ["userId"] = p.Fixtures["erasableUserId"] },
        ["Mutation.inviteUser"] = _ => new() { ["email"] = $"invited-{Guid.NewGuid():N}@example.org" },
    };

    [Fact]
    public async Task Every_root_field_of_the_schema_has_a_rule_and_every_rule_a_field()
    {
        var fields = (await SchemaAsync()).RootFields();
        var withoutRule = fields.Where(f => !AuthorizationMatrix.Rules.ContainsKey(f)).ToList();
        var withoutField = AuthorizationMatrix.Rules.Keys.Where(f => !fields.Contains(f)).ToList();
        Assert.True(withoutRule.Count == 0,
            $"These fields need an access rule in AuthorizationMatrix.Rules (who may call them?): {string.Join(", ", withoutRule)}");
        Assert.True(withoutField.Count == 0,
            $"AuthorizationMatrix.Rules has rules for fields the schema no longer has; remove them: {string.Join(", ", withoutField)}");
        Assert.All(AuthorizationMatrix.KnownFailures.Keys, k => Assert.True(fields.Contains(k.Field), $"Known failure of a field that is gone: {k.Field}"));
    }

    [Fact]
    public async Task Each_field_admits_exactly_the_callers_its_rule_names()
    {
        var schema = await SchemaAsync();
        var cells = (from field in schema.RootFields()
                     where AuthorizationMatrix.Rules.ContainsKey(field)
                     from caller in Enum.GetValues<MatrixCaller>()
                     select (Field: field, Caller: caller, Rule: AuthorizationMatrix.Rules[field])).ToList();

        // Callers outside the rules first, with the tenants' things still as they were made; then what they tried must
        // have changed nothing; then the callers inside the rules, whose mutations may change (and remove) those things.
        var results = new ConcurrentBag<Cell>();
        var before = await StateAsync();
        await RunAsync(schema, cells.Where(c => !c.Rule.Admits(c.Caller)), results, Parallelism);
        var after = await StateAsync();
        var admitted = cells.Where(c => c.Rule.Admits(c.Caller)).ToList();
        await RunByFieldAsync(schema, admitted.Where(c => !Destroys(c.Field)), results, Parallelism);
        await RunByFieldAsync(schema, admitted.Where(c => Destroys(c.Field)), results, parallelism: 1);

        var failures = results.Where(r => !r.Holds).ToList();
        var known = failures.Where(f => AuthorizationMatrix.KnownFailures.ContainsKey((f.Field, f.Caller))).ToList();
        var holes = failures.Except(known).ToList();
        var nowHolding = results.Where(r => r.Holds && AuthorizationMatrix.KnownFailures.ContainsKey((r.Field, r.Caller))).ToList();

        var report = new StringBuilder()
            .AppendLine($"{cells.Select(c => c.Field).Distinct().Count()} fields x {Enum.GetValues<MatrixCaller>().Length} callers = {results.Count} cells: "
                + $"{results.Count - failures.Count} hold, {known.Count} known failures, {holes.Count} unexpected, {nowHolding.Count} known failures that now hold.");
        // How much each admitted row proves: data or a validation error shows the caller got past the access check; nothing
        // (a random id not found) only that they were not refused.
        report.AppendLine("  admitted cells: " + string.Join(", ", results.Where(r => r.Admitted).GroupBy(r => r.Outcome.Verdict).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {g.Key}")));
        foreach (var finding in known.GroupBy(k => AuthorizationMatrix.KnownFailures[(k.Field, k.Caller)]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            report.AppendLine($"  known {finding.Key} ({finding.Count()}): {string.Join("; ", finding.Select(f => f.Describe()))}");
        }

        output.WriteLine(report.ToString());
        foreach (var hole in holes)
        {
            output.WriteLine($"UNEXPECTED {hole.Describe()}\n    {hole.Operation}");
        }

        Assert.Equal(before, after);
        Assert.True(holes.Count == 0, $"Rows that break their rule and are not known failures:\n{string.Join("\n", holes.Select(h => h.Describe()))}");
        Assert.True(nowHolding.Count == 0,
            $"These known failures hold now: remove them from AuthorizationMatrix.KnownFailures:\n{string.Join("\n", nowHolding.Select(h => h.Describe()))}");
    }

    /// <summary>Mutations that remove what other rows use: the admitted callers run them last, one at a time.</summary>
    private static bool Destroys(string field) =>
        new[] { "Mutation.remove", "Mutation.delete", "Mutation.revoke", "Mutation.archive", "Mutation.erase" }.Any(p => field.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The callers of one field one after another (two administrators removing the same module at once race), fields side by side.</summary>
    private async Task RunByFieldAsync(SchemaOperations schema, IEnumerable<(string Field, MatrixCaller Caller, AccessRule Rule)> cells, ConcurrentBag<Cell> results,
        int parallelism) =>
        await Parallel.ForEachAsync(cells.GroupBy(c => c.Field), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (field, _) =>
            await RunAsync(schema, field, results, parallelism: 1));

    private async Task RunAsync(SchemaOperations schema, IEnumerable<(string Field, MatrixCaller Caller, AccessRule Rule)> cells, ConcurrentBag<Cell> results,
        int parallelism) =>
        await Parallel.ForEachAsync(cells, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (cell, _) =>
        {
            var values = new Dictionary<string, string>(platform.Fixtures) { ["tenantId"] = platform.TenantId(cell.Rule) };
            foreach (var (name, value) in ArgumentsOf.TryGetValue(cell.Field, out var extra) ? extra(platform) : [])
            {
                values[name] = value;
            }

            var operation = schema.Operation(cell.Field, values);
            var response = await platform.Gateway(await platform.TokenAsync(cell.Caller, cell.Rule)).PostAsync(operation);
            var outcome = MatrixOutcome.Of(response, cell.Field[(cell.Field.IndexOf('.', StringComparison.Ordinal) + 1)..]);
            results.Add(new Cell(cell.Field, cell.Caller, cell.Rule, outcome, operation));
        });

    /// <summary>What refused callers must not have changed: the matrix's course, program, webhook endpoints and tenant, as a platform administrator sees them.</summary>
    private async Task<string> StateAsync()
    {
        var admin = platform.Gateway(await platform.TokenAsync(MatrixCaller.PlatformAdmin, AccessRule.PlatformAdmins));
        var state = await admin.PostAsync(
            """
            query($c: ID!, $p: ID!, $o: ID!) {
              course(id: $c) { title subtitle status modules { id title position items { id title } } sessions { id } }
              program(id: $p) { name description courses { id } members { userId externalId } }
              webhookEndpoints(tenantId: $o) { id url description enabled eventTypes }
              tenant(id: $o) { name members { role user { id } } apiClients { clientId revokedAt secretRotatedAt } }
            }
            """,
            new { c = platform.Fixtures["courseId"], p = platform.Fixtures["programId"], o = platform.OrganizationId });
        return state.Ok().ToJsonString();
    }

    private async Task<SchemaOperations> SchemaAsync() =>
        new((await platform.Services.GetRequiredService<SupergraphProvider>().GetAsync(CancellationToken.None)).Supergraph.PublicSdl);

    private sealed record Cell(string Field, MatrixCaller Caller, AccessRule Rule, MatrixOutcome Outcome, string Operation)
    {
        public bool Admitted => Rule.Admits(Caller);

        public bool Holds => Outcome.Verdict switch
        {
            MatrixVerdict.Broken => false,
            MatrixVerdict.Refused => !Admitted && (Caller != MatrixCaller.Anonymous || Outcome.Code == "UNAUTHENTICATED"),
            MatrixVerdict.Nothing => Admitted || Caller != MatrixCaller.Anonymous || Rule.AnonymousSeesNull,
            MatrixVerdict.InputRefused or MatrixVerdict.Data => Admitted,
            _ => false,
        };

        public string Describe() => $"{Field} [{Rule}] as {Caller}: {Outcome}, expected {(Admitted ? "not refused" : Caller == MatrixCaller.Anonymous && !Rule.AnonymousSeesNull ? "UNAUTHENTICATED" : "refused or nothing")}";
    }
}
