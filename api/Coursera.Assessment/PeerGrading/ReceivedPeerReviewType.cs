using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.PeerGrading;

/// <summary>A review the learner's work received: what it gave and said, never who wrote it.</summary>
public sealed class ReceivedPeerReviewType : ObjectGraphType<PeerReview>
{
    public ReceivedPeerReviewType()
    {
        Name = "ReceivedPeerReview";
        Field<NonNullGraphType<BooleanGraphType>>("byStaff").Description("Written by the course's staff (it decides the grade alone).")
            .Resolve(c => c.Source.ByStaff);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CriterionScoreType>>>>("scores").Resolve(c => c.Source.Scores);
        Field<StringGraphType>("comment").Resolve(c => c.Source.Comment);
        Field<DateTimeGraphType>("completedAt").Resolve(c => c.Source.CompletedAt);
    }
}
