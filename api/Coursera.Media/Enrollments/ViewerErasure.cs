using System.Text.Json;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Events.PersonalData;
using Coursera.Media.Data;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Media.Enrollments;

/// <summary>
/// An erased account's enrollments are forgotten here: the only personal data the media service holds is which
/// courses a person may watch. Assets name their uploader by subject; those stay, as the partner's records.
/// </summary>
public sealed class ViewerErasure(ServiceStore<MediaDbContext> store) : IEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type == PersonalDataEvents.ErasureRequested;

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var request = envelope.Data.Deserialize<ErasureRequestedData>(Json) ?? throw new JsonException($"Event {envelope.Id} has no erasure data.");
        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        await db.Enrollments.Where(e => e.LearnerId == request.UserId).ExecuteDeleteAsync(cancellationToken);
    }
}
