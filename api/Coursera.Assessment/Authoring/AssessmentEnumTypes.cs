using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.Authoring;

public sealed class QuestionKindType : EnumerationGraphType<QuestionKind>
{
    public QuestionKindType() => Name = "QuestionKind";
}

public sealed class GradingMethodType : EnumerationGraphType<GradingMethod>
{
    public GradingMethodType() => Name = "GradingMethod";
}

public sealed class AnswerDisclosureType : EnumerationGraphType<AnswerDisclosure>
{
    public AnswerDisclosureType() => Name = "AnswerDisclosure";
}

public sealed class AssessmentKindType : EnumerationGraphType<AssessmentKind>
{
    public AssessmentKindType() => Name = "AssessmentKind";
}
