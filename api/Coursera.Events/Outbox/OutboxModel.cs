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
}
