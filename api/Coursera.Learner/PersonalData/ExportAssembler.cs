using System.Text.Json;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Events.PersonalData;
using Coursera.Learner.Data;
using Coursera.ServiceDefaults.Data;
using Npgsql;

namespace Coursera.Learner.PersonalData;

/// <summary>
/// Follows exports: adds the learner service's part when one is requested, and notes every service's part as it is
/// announced, so the export becomes ready when all have answered.
/// </summary>
public sealed class ExportAssembler(
    ServiceStore<LearnerDbContext> store,
    DataExports exports) : IEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type is PersonalDataEvents.ExportRequested or PersonalDataEvents.ExportPart;

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        if (envelope.Type == PersonalDataEvents.ExportRequested)
        {
            var request = envelope.Data.Deserialize<ExportRequestedData>(Json)!;
            await exports.WritePartAsync(request, cancellationToken);
            await exports.ReceivedAsync(db, request.ExportId, DataExports.Service, cancellationToken);
        }
        else
        {
            var part = envelope.Data.Deserialize<ExportPartData>(Json)!;
            await exports.ReceivedAsync(db, part.ExportId, part.Service, cancellationToken);
        }
    }
}
