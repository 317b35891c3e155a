using Coursera.Assessment.Authoring;
using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Assessment.Gradebook;

/// <summary>A course's grade groups and their drop rules, set by the course's authors; the course grade follows at once.</summary>
public sealed class GradeGroups(IDbContextFactory<AssessmentDbContext> contexts)
{
    public async Task<MutationPayload<GradeGroup>> SetAsync(SetGradeGroupInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        AuthoringAccess.EnsureSignedIn(caller);
        var courseId = Ids.Parse(input.CourseId, "input.courseId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var partnerId = await db.CourseItems.Where(i => i.CourseId == courseId).Select(i => (Guid?)i.PartnerId).FirstOrDefaultAsync(cancellationToken);
        if (partnerId is null)
        {
            return MutationPayload<GradeGroup>.Refused(UserError.For("COURSE_NOT_FOUND", "No published course with graded items has this id.", "courseId"));
        }

        AuthoringAccess.Ensure(caller, partnerId.Value);
        if (AssessmentRules.GroupName(input.Name) is not { Length: <= 100 } name)
        {
            return MutationPayload<GradeGroup>.Refused(UserError.For("INVALID_GROUP", "A group name of 1 to 100 characters.", "name"));
        }

        if (input.DropLowest is < 0 or > 50)
        {
            return MutationPayload<GradeGroup>.Refused(UserError.For("INVALID_GROUP", "Drop 0 to 50 of a group's lowest grades.", "dropLowest"));
        }

        var group = await db.GradeGroups.SingleOrDefaultAsync(g => g.CourseId == courseId && g.Name == name, cancellationToken);
        if (group is null)
        {
            group = new GradeGroup { CourseId = courseId, Name = name };
            db.GradeGroups.Add(group);
        }

        group.DropLowest = input.DropLowest;
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<GradeGroup>.Changed(group);
    }
}
