using Coursera.Learner.Subgraph;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Learner.Enrollments;

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
        Field<IntGraphType>("enrollmentCount")
            .Description("Learners enrolled (active or completed): exact for the course's partner staff and platform administrators, rounded down to a multiple of 10 for everyone else; null to everyone else when the course is not public (a draft, archived or unknown).")
            .ResolveAsync(async c =>
            {
                var caller = c.Caller();
                var outline = await c.Service<LearnerLoaders>().OutlineByCourse.Load(c.Source.Id).GetResultAsync(c.CancellationToken);
                var staff = caller.IsPlatformAdmin || (outline is not null && (caller.HasRole(outline.PartnerId, "partner_admin")
                    || caller.HasRole(outline.PartnerId, "instructor") || caller.IsClientOf(outline.PartnerId, "learners:read")));

                // A course this service has not heard of (a draft, an unknown id, or one the catalog published a moment
                // ago, its event still on the way) has no enrollments: partner staff, who may be reading back the course
                // they have just published, get 0 rather than a null that reads as "not yours"; 0 for every unknown id
                // tells them nothing about any other partner's drafts.
                if (outline is null && MayBeStaffOfAnyPartner(caller))
                {
                    return 0;
                }

                // Any course id reaches this field (through _entities too): a course that is not public has no audience to count.
                if (!staff && outline is not { IsOpen: true })
                {
                    return (int?)null;
                }

                var count = await c.Service<LearnerLoaders>().EnrollmentCountByCourse.Load(c.Source.Id).GetResultAsync(c.CancellationToken);
                var rounding = c.Service<Microsoft.Extensions.Options.IOptions<LearnerOptions>>().Value.EnrollmentCountRounding;
                return staff || rounding <= 1 ? count : count / rounding * rounding;
            });
    }

    private static bool MayBeStaffOfAnyPartner(Caller caller) =>
        caller.IsPlatformAdmin || caller.TenantsWithRole("partner_admin").Count > 0 || caller.TenantsWithRole("instructor").Count > 0
        || (caller.IsApiClient && caller.HasScope("learners:read"));
}
