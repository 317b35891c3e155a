using Coursera.Assessment.Authoring;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Assessment.Subgraph;

/// <summary>The assessment subgraph: quizzes graded on the server, programming assignments graded by grading workers, peer review; it adds <c>assessment</c> to the catalog's <c>Item</c>.</summary>
public sealed class AssessmentSchema : Schema
{
    public AssessmentSchema(IServiceProvider services, AssessmentQuery query, AssessmentMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;

        // Reached only through _entities: registered so the gateway can resolve it here.
        RegisterType(typeof(ItemAssessmentFieldsType));
        RegisterType(typeof(CourseGradeFieldsType));

        // Inputs nested in other inputs (the top-level ones are registered by their fields).
        this.RegisterTypeMapping<QuestionInput, AutoRegisteringInputObjectGraphType<QuestionInput>>();
        this.RegisterTypeMapping<ChoiceInput, AutoRegisteringInputObjectGraphType<ChoiceInput>>();
        this.RegisterTypeMapping<PairInput, AutoRegisteringInputObjectGraphType<PairInput>>();
        this.RegisterTypeMapping<PoolDrawInput, AutoRegisteringInputObjectGraphType<PoolDrawInput>>();
        this.RegisterTypeMapping<AttemptPolicyInput, AutoRegisteringInputObjectGraphType<AttemptPolicyInput>>();
        this.RegisterTypeMapping<Attempts.AnswerInput, AutoRegisteringInputObjectGraphType<Attempts.AnswerInput>>();
        this.RegisterTypeMapping<Attempts.SubmittedFileInput, AutoRegisteringInputObjectGraphType<Attempts.SubmittedFileInput>>();
        this.RegisterTypeMapping<ProgrammingGraderInput, AutoRegisteringInputObjectGraphType<ProgrammingGraderInput>>();
        this.RegisterTypeMapping<PeerReviewSetupInput, AutoRegisteringInputObjectGraphType<PeerReviewSetupInput>>();
        this.RegisterTypeMapping<RubricCriterionInput, AutoRegisteringInputObjectGraphType<RubricCriterionInput>>();
        this.RegisterTypeMapping<RubricLevelInput, AutoRegisteringInputObjectGraphType<RubricLevelInput>>();
        this.RegisterTypeMapping<PeerGrading.CriterionScoreInput, AutoRegisteringInputObjectGraphType<PeerGrading.CriterionScoreInput>>();
    }
}
