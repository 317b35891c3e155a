using Coursera.Subgraphs.UserErrors;

namespace Coursera.Catalog.Model;

internal static class Violations
{
    public static UserError ToUserError(this CourseRuleViolation violation) =>
        violation.Field is null
            ? new UserError(violation.Code, violation.Message, ["input"])
            : UserError.For(violation.Code, violation.Message, violation.Field);

    public static MutationPayload<T> Refuse<T>(this IEnumerable<CourseRuleViolation> violations) where T : class =>
        MutationPayload<T>.Refused(violations.Select(ToUserError));

    public static MutationPayload<T> NotFound<T>(string what, string field) where T : class =>
        MutationPayload<T>.Refused(UserError.For("NOT_FOUND", $"No {what} has this id.", field));
}
