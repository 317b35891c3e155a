using Coursera.Learner.Data;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL.Federation;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Learner.Licences;

/// <summary>Billing's licence: this subgraph adds how many of its seats are taken (it holds them).</summary>
public sealed class LicenceSeatsType : ObjectGraphType<LicenceReference>
{
    public LicenceSeatsType()
    {
        Name = "Licence";
        this.Key("id");
        this.ResolveReference<IdReference, LicenceReference>((_, reference) => new LicenceReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IntGraphType>>("seatsTaken")
            .Description("Learners holding a seat now: one each, taken by their first ENTERPRISE enrollment, given back when they leave the programs it covers.")
            .ResolveAsync(async c =>
            {
                await using var db = await c.Service<IDbContextFactory<LearnerDbContext>>().CreateDbContextAsync(c.CancellationToken);
                return await db.Seats.CountAsync(s => s.LicenceId == c.Source.Id && s.ReleasedAt == null, c.CancellationToken);
            });
    }
}
