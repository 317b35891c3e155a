using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.Programming;

public sealed class GraderLanguageType : EnumerationGraphType<GraderLanguage>
{
    public GraderLanguageType() => Name = "GraderLanguage";
}

/// <summary>A programming assignment's grader; its program only for its authors and grading workers.</summary>
public sealed class GraderType : ObjectGraphType<ProgrammingGrader>
{
    public GraderType()
    {
        Name = "Grader";
        Field<NonNullGraphType<GraderLanguageType>>("language").Resolve(c => c.Source.Language);
        Field<StringGraphType>("script").Description("The grader program: null for learners.")
            .Resolve(c => c.Source.Script is { Length: > 0 } script ? script : null);
        Field<NonNullGraphType<IntGraphType>>("timeLimitSeconds").Resolve(c => c.Source.TimeLimitSeconds);
        Field<NonNullGraphType<IntGraphType>>("memoryMegabytes").Resolve(c => c.Source.MemoryMegabytes);
        Field<NonNullGraphType<IntGraphType>>("maxFiles").Resolve(c => c.Source.MaxFiles);
        Field<NonNullGraphType<IntGraphType>>("maxFileKilobytes").Resolve(c => c.Source.MaxFileKilobytes);
    }
}
