using Coursera.Catalog.Model;
using Coursera.Subgraphs.UserErrors;

namespace Coursera.Catalog.Specializations;

public sealed class CreateSpecializationPayloadType()
    : MutationPayloadType<SpecializationType, Specialization>("CreateSpecializationPayload", "specialization");
