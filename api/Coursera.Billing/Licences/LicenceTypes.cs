using Coursera.Billing.Model;
using Coursera.Subgraphs.Federation;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Billing.Licences;

public sealed class LicenceType : ObjectGraphType<Licence>
{
    public LicenceType()
    {
        Name = "Licence";
        Description = "An organization's enterprise licence: seats for its learners on the ENTERPRISE track, from startsAt to endsAt, for the programs it names (or all).";
        this.Key("id");
        this.ResolveReference<IdReference, Licence>(async (context, reference) =>
            await context.RequestServices!.GetRequiredService<LicenceDesk>().FindAsync(reference.Id, context.CancellationToken));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("organizationId").Resolve(c => c.Source.OrganizationId);
        Field<NonNullGraphType<IntGraphType>>("seats").Resolve(c => c.Source.Seats);
        Field<NonNullGraphType<DateTimeGraphType>>("startsAt").Resolve(c => c.Source.StartsAt);
        Field<NonNullGraphType<DateTimeGraphType>>("endsAt").Resolve(c => c.Source.EndsAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("programIds").Description("Empty: every program of the organization.")
            .Resolve(c => c.Source.ProgramIds);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Resolve(c => c.Source.UpdatedAt);
    }
}

public sealed class CreateLicencePayloadType() : MutationPayloadType<LicenceType, Licence>("CreateLicencePayload", "licence");

public sealed class UpdateLicencePayloadType() : MutationPayloadType<LicenceType, Licence>("UpdateLicencePayload", "licence");
