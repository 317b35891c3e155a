using System.Text.Json;
using Coursera.Events;
using Coursera.Events.Consumers;
using Coursera.Events.PersonalData;
using Coursera.Learner.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Coursera.Learner.PersonalData;

/// <summary>
/// Follows exports: adds the learner service's part when one is requested, and notes every service's part as it is
/// announced, so the export becomes ready when all have answered.
/// </summary>
public sealed class ExportAssembler(
    DataExports exports,
    NpgsqlDataSource dataSource,
    IConnectionMultiplexer redis,
    IOptions<EventStreamOptions> options,
    ILogger<ExportAssembler> logger)
    : EventConsumer("learner-personal-data", LearnerDbContext.Schema, dataSource, redis, options, logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override bool Wants(string type) => type is PersonalDataEvents.ExportRequested or PersonalDataEvents.ExportPart;

    protected override async Task HandleAsync(EventEnvelope envelope, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        await using var db = await LearnerStoreOptions.OnInboxTransactionAsync(transaction, cancellationToken);
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
