using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Gateway.Tests.Subscriptions;

/// <summary>A courses subgraph: owns <c>Course</c> and its title. Counts the entity requests it answers.</summary>
public sealed class CoursesSchema : Schema
{
    public CoursesSchema(IServiceProvider services)
        : base(services)
    {
        Query = services.GetRequiredService<CoursesQuery>();
    }
}

public sealed record Course(string Id, string Title);

public sealed class CourseCatalog
{
    private int _entityRequests;

    public IReadOnlyDictionary<string, Course> Courses { get; } = new Dictionary<string, Course>
    {
        ["c1"] = new("c1", "Machine Learning"),
        ["c2"] = new("c2", "Financial Markets"),
    };

    public int EntityRequests => Volatile.Read(ref _entityRequests);

    public Course? Find(string id)
    {
        Interlocked.Increment(ref _entityRequests);
        return Courses.GetValueOrDefault(id);
    }
}

public sealed class CourseIdReference
{
    public string Id { get; set; } = "";
}

public sealed class CourseType : ObjectGraphType<Course>
{
    public CourseType()
    {
        Name = "Course";
        this.Key("id");
        this.ResolveReference<CourseIdReference, Course>((context, reference) =>
            context.RequestServices!.GetRequiredService<CourseCatalog>().Find(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
    }
}

public sealed class CoursesQuery : ObjectGraphType
{
    public CoursesQuery()
    {
        Name = "Query";
        Field<CourseType>("course")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(c => c.RequestServices!.GetRequiredService<CourseCatalog>().Courses.GetValueOrDefault(c.GetArgument<string>("id")));
    }
}
