using Microsoft.EntityFrameworkCore;

namespace Coursera.Events.Handling;

/// <summary>That a consumer handled an event: written in the transaction of the handling, so a redelivery is recognised.</summary>
public sealed class InboxEntry
{
    public required string Consumer { get; init; }

    public required Guid EventId { get; init; }

    public DateTime HandledAt { get; init; } = DateTime.UtcNow;
}

public static class InboxModel
{
    /// <summary>Maps <see cref="InboxEntry"/> to <c>inbox</c> in the context's own schema.</summary>
    public static ModelBuilder AddInbox(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<InboxEntry>(inbox =>
        {
            inbox.ToTable("inbox");
            inbox.HasKey(e => new { e.Consumer, e.EventId });
            inbox.Property(e => e.Consumer).HasMaxLength(100);
        });
        return modelBuilder;
    }
}
