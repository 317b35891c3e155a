using Coursera.Learner.Data;
using Coursera.Learner.Enrollments;
using Coursera.Learner.Model;
using Coursera.Learner.Subgraph;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.UserErrors;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Learner.Programs;

public sealed class ProgramType : ObjectGraphType<EnterpriseProgram>
{
    public ProgramType()
    {
        Name = "EnterpriseProgram";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("organizationId").Resolve(c => c.Source.OrganizationId);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CourseEnrollmentsType>>>>("courses")
            .Resolve(c => c.Source.CourseIds.Select(id => new CourseReference(id)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProgramMemberType>>>>("members")
            .Description("In a stable order (by id): page through them by passing the last member's id as after. For the organization's administrators and its API clients with enrollments:write (FORBIDDEN for anyone else).")
            .Argument<IntGraphType>("first", a =>
            {
                a.DefaultValue = 100;
                a.Description = $"At most this many, 1 to {ProgramAdministration.MaxMembersPerRequest}.";
            })
            .Argument<StringGraphType>("after", "The members after the member with this id.")
            .ResolveAsync(async c =>
            {
                // The program reaches learners too (acceptProgramInvitations): its members are for those who manage it.
                if (!ProgramAccess.CanManage(c.Caller(), c.Source.OrganizationId))
                {
                    throw GraphQLErrors.Forbidden("Only the organization's administrators and API clients see a program's members.");
                }

                var after = c.GetArgument<string?>("after") is { } raw ? Ids.Parse(raw, "after") : (Guid?)null;
                await using var db = await c.Service<IDbContextFactory<LearnerDbContext>>().CreateDbContextAsync(c.CancellationToken);

                // Ids are UUIDv7 and never change: a page boundary holds however members are added or removed meanwhile.
                var members = db.ProgramMemberships.AsNoTracking().Where(m => m.ProgramId == c.Source.Id);
                if (after is { } last)
                {
                    members = members.Where(m => m.Id.CompareTo(last) > 0);
                }

                return await members.OrderBy(m => m.Id).Take(Math.Clamp(c.GetArgument<int>("first"), 1, ProgramAdministration.MaxMembersPerRequest))
                    .ToListAsync(c.CancellationToken);
            });
    }
}

public sealed class ProgramMemberType : ObjectGraphType<ProgramMembership>
{
    public ProgramMemberType()
    {
        Name = "ProgramMember";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<IdGraphType>("userId").Resolve(c => c.Source.UserId);
        Field<StringGraphType>("email").Resolve(c => c.Source.Email);
        Field<StringGraphType>("externalId").Resolve(c => c.Source.ExternalId);
        Field<NonNullGraphType<BooleanGraphType>>("joined").Resolve(c => c.Source.JoinedAt is not null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnrollmentType>>>>("enrollments")
            .Description("The member's enrollments that the program's organization pays or paid for, oldest first; none before they join.")
            .ResolveAsync(async c =>
            {
                // Seen by those who see the member list: the organization's managers (checked again, as members are reached from payloads too).
                if (c.Source.UserId is not { } userId || !ProgramAccess.CanManage(c.Caller(), c.Source.OrganizationId))
                {
                    return (IReadOnlyList<Enrollment>)[];
                }

                return await c.Service<LearnerLoaders>().EnrollmentsByMember.Load((c.Source.OrganizationId, userId)).GetResultAsync(c.CancellationToken);
            });
    }
}

public sealed class BulkEnrollmentJobType : ObjectGraphType<BulkEnrollmentJob>
{
    public BulkEnrollmentJobType()
    {
        Name = "BulkEnrollmentJob";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("state").Description("QUEUED until it has run, then DONE.").Resolve(c => c.Source.State);
        Field<NonNullGraphType<StringGraphType>>("idempotencyKey").Resolve(c => c.Source.IdempotencyKey);
        Field<NonNullGraphType<IntGraphType>>("total").Resolve(c => c.Source.Total);
        Field<NonNullGraphType<IntGraphType>>("succeeded").Description("Rows enrolled, or already enrolled.").Resolve(c => c.Source.Succeeded);
        Field<NonNullGraphType<IntGraphType>>("failed").Resolve(c => c.Source.Failed);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeGraphType>("finishedAt").Resolve(c => c.Source.FinishedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BulkEnrollmentRowType>>>>("rows")
            .Description("In row order; only those with this status when given (ENROLLED, ALREADY_ENROLLED, FAILED, PENDING).")
            .Argument<StringGraphType>("status")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 100)
            .Argument<IntGraphType>("afterRow", a => a.DefaultValue = 0)
            .ResolveAsync(async c =>
            {
                var status = c.GetArgument<string?>("status");
                var after = c.GetArgument<int>("afterRow");
                await using var db = await c.Service<IDbContextFactory<LearnerDbContext>>().CreateDbContextAsync(c.CancellationToken);
                var rows = db.BulkRows.AsNoTracking().Where(r => r.JobId == c.Source.Id && r.RowNumber > after);
                if (status is not null)
                {
                    rows = rows.Where(r => r.Status == status);
                }

                return await rows.OrderBy(r => r.RowNumber).Take(Math.Clamp(c.GetArgument<int>("first"), 1, 1000)).ToListAsync(c.CancellationToken);
            });
    }
}

public sealed class BulkEnrollmentRowType : ObjectGraphType<BulkEnrollmentRow>
{
    public BulkEnrollmentRowType()
    {
        Name = "BulkEnrollmentRow";
        Field<NonNullGraphType<IntGraphType>>("rowNumber").Description("From 1, in the order sent.").Resolve(c => c.Source.RowNumber);
        Field<StringGraphType>("learnerId").Resolve(c => c.Source.LearnerId);
        Field<StringGraphType>("externalId").Resolve(c => c.Source.ExternalId);
        Field<StringGraphType>("courseId").Resolve(c => c.Source.CourseId);
        Field<NonNullGraphType<StringGraphType>>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("errorCode").Resolve(c => c.Source.ErrorCode);
        Field<StringGraphType>("message").Resolve(c => c.Source.Message);
        Field<IdGraphType>("enrollmentId").Resolve(c => c.Source.EnrollmentId);
    }
}

public sealed class CreateProgramPayloadType() : MutationPayloadType<ProgramType, EnterpriseProgram>("CreateProgramPayload", "program");

public sealed class AddProgramMembersPayloadType() : MutationPayloadType<ProgramType, EnterpriseProgram>("AddProgramMembersPayload", "program");

public sealed class RemoveProgramMembersPayloadType() : MutationPayloadType<ProgramType, EnterpriseProgram>("RemoveProgramMembersPayload", "program");

public sealed class BulkEnrollPayloadType() : MutationPayloadType<BulkEnrollmentJobType, BulkEnrollmentJob>("BulkEnrollPayload", "job");
