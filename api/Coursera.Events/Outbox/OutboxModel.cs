using Microsoft.EntityFrameworkCore;

namespace Coursera.Events.Outbox;

public static class OutboxModel
{
    /// <summary>
    /// Maps <see cref="OutboxMessage"/> to <c>outbox</c> in the context's own schema, with a partial index over what
    /// is still to be published (the relay's only query).
    /// </summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).ValueGeneratedNever();
            outbox.Property(m => m.Type).HasMaxLength(100);
            outbox.Property(m => m.Envelope).HasColumnType("jsonb");
            outbox.Property(m => m.Position).UseIdentityAlwaysColumn();
            outbox.HasIndex(m => m.Position).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_unpublished");
        });
        return modelBuilder;
    }

    /// <summary>Adds an event to the context's outbox; it is written with the context's next SaveChanges.</summary>
    public static void Publish(this DbContext db, EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Set<OutboxMessage>().Add(OutboxMessage.From(envelope));
    }

    /// <summary>Adds an event to a schema's outbox on a connection and transaction someone else holds (an event consumer's).</summary>
    public static async Task PublishAsync(this Npgsql.NpgsqlTransaction transaction, string schema, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var message = OutboxMessage.From(envelope);
        await using var insert = new Npgsql.NpgsqlCommand(
            $"INSERT INTO \"{schema}\".outbox (id, type, occurred_at, envelope) VALUES ($1, $2, $3, $4::jsonb)", transaction.Connection, transaction);
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = message.Id });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = message.Type });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = message.OccurredAt });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = message.Envelope });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
