using Coursera.GraphQL.Federation;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Learner.GraphQL.Types;

/// <summary>
/// An entity known here by its id. One CLR type per entity type: GraphQL.NET tells the members of <c>_Entity</c>
/// apart by the CLR type of what a reference resolved to.
/// </summary>
public abstract record EntityReference(Guid Id);

public sealed record CourseReference(Guid Id) : EntityReference(Id);

public sealed record CourseSessionReference(Guid Id) : EntityReference(Id);

public sealed record ItemReference(Guid Id) : EntityReference(Id);

public sealed record UserReference(Guid Id) : EntityReference(Id);

public sealed record LearnerReference(Guid Id) : EntityReference(Id);

/// <summary>The catalog's course session, referenced by enrollments.</summary>
public sealed class CourseSessionReferenceType : ObjectGraphType<CourseSessionReference>
{
    public CourseSessionReferenceType()
    {
        Name = "CourseSession";
        this.Key("id", resolvable: false);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
    }
}

/// <summary>The catalog's course: this subgraph adds what the viewer and everyone may know about its enrollments.</summary>
public sealed class CourseEnrollmentsType : ObjectGraphType<CourseReference>
{
    public CourseEnrollmentsType()
    {
        Name = "Course";
        this.Key("id");
        this.ResolveReference<IdReference, CourseReference>((_, reference) => new CourseReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<EnrollmentType>("viewerEnrollment")
            .Description("The signed-in learner's current enrollment in the course (else their latest); null when there is none.")
            .ResolveAsync(async c => await c.Service<ViewerLearning>().InCourseAsync(c.Caller(), c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("enrollmentCount")
            .Description("Learners enrolled (active or completed): exact for the course's partner staff and platform administrators, rounded down to a multiple of 10 for everyone else.")
            .ResolveAsync(async c =>
            {
                var caller = c.Caller();
                var count = await c.Loaders().EnrollmentCountByCourse.Load(c.Source.Id).GetResultAsync(c.CancellationToken);
                var outline = await c.Loaders().OutlineByCourse.Load(c.Source.Id).GetResultAsync(c.CancellationToken);
                var staff = caller.IsPlatformAdmin || (outline is not null && (caller.HasRole(outline.PartnerId, "partner_admin")
                    || caller.HasRole(outline.PartnerId, "instructor") || caller.IsClientOf(outline.PartnerId, "learners:read")));
                var rounding = c.Service<Microsoft.Extensions.Options.IOptions<LearnerOptions>>().Value.EnrollmentCountRounding;
                return staff || rounding <= 1 ? count : count / rounding * rounding;
            });
    }
}

/// <summary>The catalog's item: this subgraph adds the viewer's progress in it.</summary>
public sealed class ItemProgressFieldsType : ObjectGraphType<ItemReference>
{
    public ItemProgressFieldsType()
    {
        Name = "Item";
        this.Key("id");
        this.ResolveReference<IdReference, ItemReference>((_, reference) => new ItemReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<ItemProgressType>("viewerProgress")
            .Description("The signed-in learner's progress in the item, through their current enrollment in its course; null when not started or not enrolled.")
            .ResolveAsync(async c =>
            {
                var enrollments = (await c.Service<ViewerLearning>().EnrollmentsAsync(c.Caller(), c.CancellationToken)).Where(e => e.IsCurrent).ToList();

                // Every outline and every progress document asked for before anything is awaited, so that each comes
                // in one batch for all the items of the request (awaiting one would send its batch alone).
                var loaders = c.Loaders();
                var outlinesPending = enrollments.Select(e => loaders.OutlineByCourse.Load(e.CourseId)).ToList();
                var progressPending = enrollments.Select(e => loaders.ProgressByEnrollment.Load(e.Id)).ToList();
                var outlines = await Task.WhenAll(outlinesPending.Select(p => p.GetResultAsync(c.CancellationToken)));
                var index = Array.FindIndex(outlines, o => o?.Items.Any(i => i.Id == c.Source.Id) == true);
                if (index < 0)
                {
                    return null;
                }

                var progress = await progressPending[index].GetResultAsync(c.CancellationToken);
                return progress?.For(c.Source.Id) is { } item ? new ItemProgressView(c.Source.Id, item) : null;
            });
    }
}

/// <summary>The identity subgraph's user: this subgraph adds their enrollments (for themselves and platform administrators).</summary>
public sealed class UserEnrollmentsType : ObjectGraphType<UserReference>
{
    public UserEnrollmentsType()
    {
        Name = "User";
        this.Key("id");
        this.ResolveReference<IdReference, UserReference>((_, reference) => new UserReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        this.EnrollmentsField();
    }
}

/// <summary>A learner: a person as this subgraph knows them, by their user id.</summary>
public sealed class LearnerType : ObjectGraphType<LearnerReference>
{
    public LearnerType()
    {
        Name = "Learner";
        this.Key("id");
        this.ResolveReference<IdReference, LearnerReference>((_, reference) => new LearnerReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        this.EnrollmentsField();
    }
}
