using Coursera.Assessment.Model;
using Coursera.Subgraphs.UserErrors;

namespace Coursera.Assessment.Authoring;

public sealed class CreateAssessmentPayloadType() : MutationPayloadType<AssessmentType, ItemAssessment>("CreateAssessmentPayload", "assessment");

public sealed class UpdateAssessmentPayloadType() : MutationPayloadType<AssessmentType, ItemAssessment>("UpdateAssessmentPayload", "assessment");

public sealed class PublishAssessmentPayloadType() : MutationPayloadType<AssessmentType, ItemAssessment>("PublishAssessmentPayload", "assessment");
