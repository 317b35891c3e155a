using Coursera.Subgraphs.UserErrors;

namespace Coursera.Assessment.Attempts;

public sealed class StartAttemptPayloadType() : MutationPayloadType<AttemptType, AttemptView>("StartAttemptPayload", "attempt");

public sealed class SaveAnswersPayloadType() : MutationPayloadType<AttemptType, AttemptView>("SaveAnswersPayload", "attempt");

public sealed class SubmitAttemptPayloadType() : MutationPayloadType<AttemptType, AttemptView>("SubmitAttemptPayload", "attempt");
