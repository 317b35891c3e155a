using Coursera.Subgraphs.UserErrors;

namespace Coursera.Assessment.Programming;

public sealed class LeaseGradingJobPayloadType() : MutationPayloadType<GradingJobType, GradingJobView>("LeaseGradingJobPayload", "job");

public sealed class CompleteGradingJobPayloadType() : MutationPayloadType<GradingJobType, GradingJobView>("CompleteGradingJobPayload", "job");

public sealed class FailGradingJobPayloadType() : MutationPayloadType<GradingJobType, GradingJobView>("FailGradingJobPayload", "job");
