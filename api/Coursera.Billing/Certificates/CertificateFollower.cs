using System.Text.Json;
using Coursera.Billing.Data;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Billing.Certificates;

/// <summary>Keeps which learners earned a certificate in which course, from the learner service's <c>certificate.issued</c>.</summary>
public sealed class CertificateFollower(ServiceStore<BillingDbContext> store) : IEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type == "certificate.issued";

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var data = envelope.Data.Deserialize<CertificateData>(Json) ?? throw new JsonException($"Event {envelope.Id} has no certificate data.");
        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO billing.earned_certificates (learner_id, course_id, issued_at) VALUES ({data.LearnerId}, {data.CourseId}, {data.IssuedAt})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
    }

    private sealed record CertificateData(Guid LearnerId, Guid CourseId, DateTime IssuedAt);
}
