using Coursera.Catalog.Model;
using Coursera.Subgraphs.UserErrors;
using Coursera.Catalog.Content;
using Coursera.Catalog.Courses;
using Coursera.Catalog.Partners;
using Coursera.Catalog.Subgraph;

namespace Coursera.Catalog.Specializations;

public sealed class CreateSpecializationPayloadType()
    : MutationPayloadType<SpecializationType, Specialization>("CreateSpecializationPayload", "specialization");
