using Coursera.GraphQL.Errors;
using Coursera.Learner.Certificates;
using Coursera.Learner.GraphQL.Types;
using Coursera.Learner.PersonalData;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Learner.GraphQL;

public sealed class LearnerQuery : ObjectGraphType
{
    public LearnerQuery()
    {
        Name = "Query";
        Field<CertificateType>("certificate")
            .Description("A certificate by the code printed on it, for anyone to check; null when no certificate has the code.")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async c =>
            {
                var code = c.GetArgument<string>("code");
                if (code.Length is 0 or > 32)
                {
                    throw GraphQLErrors.BadUserInput("'code' is not a certificate code.");
                }

                return await c.Service<CertificateIssuer>().FindAsync(code, c.CancellationToken);
            });
        Field<DataExportType>("dataExport")
            .Description("One of your personal-data exports.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.Service<DataExports>().FindAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken));
    }
}
