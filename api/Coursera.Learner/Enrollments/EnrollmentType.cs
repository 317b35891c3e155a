using Coursera.Learner.Certificates;
using Coursera.Learner.Data;
using Coursera.Learner.Model;
using Coursera.Learner.Progress;
using Coursera.Learner.Subgraph;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Connections;
using Coursera.Subgraphs.Errors;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Learner.Enrollments;

public sealed class EnrollmentType : ObjectGraphType<Enrollment>
{
    public EnrollmentType()
    {
        Name = "Enrollment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<CourseEnrollmentsType>>("course").Resolve(c => new CourseReference(c.Source.CourseId));
        Field<NonNullGraphType<CourseSessionReferenceType>>("session").Resolve(c => new CourseSessionReference(c.Source.SessionId));
        Field<NonNullGraphType<LearnerType>>("learner").Resolve(c => new LearnerReference(c.Source.LearnerId));
        Field<NonNullGraphType<EnrollmentTrackType>>("track").Resolve(c => c.Source.Track);
        Field<NonNullGraphType<EnrollmentStateType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeGraphType>>("enrolledAt").Resolve(c => c.Source.EnrolledAt);
        Field<DateTimeGraphType>("completedAt").Resolve(c => c.Source.CompletedAt);
        Field<DateTimeGraphType>("withdrawnAt").Resolve(c => c.Source.WithdrawnAt);
        Field<NonNullGraphType<CourseProgressType>>("progress")
            .Description("Share of required items complete, the next item, the last activity, and each module's completion.")
            .ResolveAsync(async c =>
            {
                var outline = await c.Service<LearnerLoaders>().OutlineByCourse.Load(c.Source.CourseId).GetResultAsync(c.CancellationToken);
                var progress = await c.Service<LearnerLoaders>().ProgressByEnrollment.Load(c.Source.Id).GetResultAsync(c.CancellationToken);
                return outline is null ? new CourseProgressView(0, 0, null, progress?.LastActivityAt, []) : CourseProgressView.Of(outline, progress);
            });
        Field<CertificateType>("certificate").Description("Issued when a PAID or ENTERPRISE enrollment completes.")
            .ResolveAsync(async c => await c.Service<LearnerLoaders>().CertificateByEnrollment.Load(c.Source.Id).GetResultAsync(c.CancellationToken));
    }
}

public sealed class EnrollmentConnectionType : ConnectionGraphType<EnrollmentType, Enrollment>;

internal static class EnrollmentsFieldExtensions
{
    /// <summary><c>enrollments(first, after)</c> of the learner whose id the source holds: newest first; theirs and platform administrators' to see.</summary>
    public static void EnrollmentsField<TReference>(this ObjectGraphType<TReference> type)
        where TReference : EntityReference =>
        type.Field<NonNullGraphType<EnrollmentConnectionType>>("enrollments")
            .Description("Newest first. Only the learner themselves and platform administrators may see them.")
            .Argument<IntGraphType>("first", "At most 100; 20 when omitted.")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var caller = c.Caller();
                var learnerId = c.Source.Id;
                if (caller.UserId != learnerId && !caller.IsPlatformAdmin)
                {
                    throw GraphQLErrors.Forbidden("A learner's enrollments are theirs to see.");
                }

                var page = PageRequest.From(c);
                var after = page.After?.Expect("e", 1).GetGuid(0);
                var contexts = c.Service<IDbContextFactory<LearnerDbContext>>();
                await using var db = await contexts.CreateDbContextAsync(c.CancellationToken);

                // UUIDv7 ids grow with time: the id orders newest first and is the cursor.
                var mine = db.Enrollments.AsNoTracking().Where(e => e.LearnerId == learnerId);
                if (after is { } before)
                {
                    mine = mine.Where(e => e.Id.CompareTo(before) < 0);
                }

                var rows = await mine.OrderByDescending(e => e.Id).Take(page.First + 1).ToListAsync(c.CancellationToken);
                return page.ToConnection(rows, e => Cursor.Create("e", e.Id), async ct =>
                {
                    await using var counting = await contexts.CreateDbContextAsync(ct);
                    return await counting.Enrollments.CountAsync(e => e.LearnerId == learnerId, ct);
                });
            });
}
