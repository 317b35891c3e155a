using Coursera.Catalog.Courses;
using Coursera.Catalog.Model;
using Coursera.Catalog.Partners;
using Coursera.Catalog.Subgraph;
using Coursera.Subgraphs.UserErrors;

namespace Coursera.Catalog.Specializations;

public sealed class CreateSpecializationPayloadType()
    : MutationPayloadType<SpecializationType, Specialization>("CreateSpecializationPayload", "specialization");
