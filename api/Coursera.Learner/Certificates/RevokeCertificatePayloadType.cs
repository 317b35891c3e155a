using Coursera.Learner.Model;
using Coursera.Subgraphs.UserErrors;

namespace Coursera.Learner.Certificates;

public sealed class RevokeCertificatePayloadType() : MutationPayloadType<CertificateType, Certificate>("RevokeCertificatePayload", "certificate");
