using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Gateway.Tests.Subscriptions;

/// <summary>
/// A discussions subgraph built like ours (GraphQL.NET through Coursera.Subgraphs): posts on courses it does not own,
/// a mutation to add one and a subscription that streams them. <c>Post.course</c> is a <c>Course</c> entity the
/// courses subgraph resolves, so every event needs a second subgraph.
/// </summary>
public sealed class DiscussionsSchema : Schema
{
    public DiscussionsSchema(IServiceProvider services)
        : base(services)
    {
        Query = services.GetRequiredService<DiscussionsQuery>();
        Mutation = services.GetRequiredService<DiscussionsMutation>();
        Subscription = services.GetRequiredService<DiscussionsSubscription>();
    }
}

public sealed record Post(string Id, string CourseId, string Body);

/// <summary>Posts as they are added; subscribers see those added after they subscribed.</summary>
public sealed class PostFeed : IObservable<Post>
{
    private readonly List<IObserver<Post>> _observers = [];
    private readonly Lock _gate = new();

    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _observers.Count;
            }
        }
    }

    /// <summary>Completes every current subscription's source stream, as a subgraph shutting a topic down does.</summary>
    public void CompleteAll()
    {
        IObserver<Post>[] observers;
        lock (_gate)
        {
            observers = [.. _observers];
        }

        foreach (var observer in observers)
        {
            observer.OnCompleted();
        }
    }

    public void Publish(Post post)
    {
        IObserver<Post>[] observers;
        lock (_gate)
        {
            observers = [.. _observers];
        }

        foreach (var observer in observers)
        {
            observer.OnNext(post);
        }
    }

    public IDisposable Subscribe(IObserver<Post> observer)
    {
        lock (_gate)
        {
            _observers.Add(observer);
        }

        return new Unsubscriber(this, observer);
    }

    private sealed class Unsubscriber(PostFeed feed, IObserver<Post> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (feed._gate)
            {
                feed._observers.Remove(observer);
            }
        }
    }
}

/// <summary>Only the posts of one course.</summary>
internal sealed class CoursePosts(IObservable<Post> feed, string? courseId) : IObservable<Post>
{
    public IDisposable Subscribe(IObserver<Post> observer) => feed.Subscribe(new Filter(observer, courseId));

    private sealed class Filter(IObserver<Post> inner, string? courseId) : IObserver<Post>
    {
        public void OnCompleted() => inner.OnCompleted();

        public void OnError(Exception error) => inner.OnError(error);

        public void OnNext(Post value)
        {
            if (courseId is null || value.CourseId == courseId)
            {
                inner.OnNext(value);
            }
        }
    }
}

public sealed class PostType : ObjectGraphType<Post>
{
    public PostType()
    {
        Name = "Post";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("body").Resolve(c => c.Source.Body);
        Field<NonNullGraphType<CourseReferenceType>>("course").Resolve(c => new CourseReference(c.Source.CourseId));
    }
}

public sealed record CourseReference(string Id);

/// <summary>The courses subgraph's entity, known here by its key only.</summary>
public sealed class CourseReferenceType : ObjectGraphType<CourseReference>
{
    public CourseReferenceType()
    {
        Name = "Course";
        this.Key("id", resolvable: false);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
    }
}

public sealed class DiscussionsQuery : ObjectGraphType
{
    public DiscussionsQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<IntGraphType>>("subscriberCount")
            .Resolve(c => c.RequestServices!.GetRequiredService<PostFeed>().Subscribers);
    }
}

public sealed class DiscussionsMutation : ObjectGraphType
{
    private static int _ids;

    public DiscussionsMutation()
    {
        Name = "Mutation";
        Field<NonNullGraphType<PostType>>("addPost")
            .Argument<NonNullGraphType<IdGraphType>>("courseId")
            .Argument<NonNullGraphType<StringGraphType>>("body")
            .Resolve(c =>
            {
                var post = new Post($"p{Interlocked.Increment(ref _ids)}", c.GetArgument<string>("courseId"), c.GetArgument<string>("body"));
                c.RequestServices!.GetRequiredService<PostFeed>().Publish(post);
                return post;
            });
    }
}

public sealed class DiscussionsSubscription : ObjectGraphType
{
    public DiscussionsSubscription()
    {
        Name = "Subscription";
        Field<NonNullGraphType<PostType>, Post>("postAdded")
            .Argument<IdGraphType>("courseId")
            .Resolve(c => (Post)c.Source!)
            .ResolveStream(c => new CoursePosts(c.RequestServices!.GetRequiredService<PostFeed>(), c.GetArgument<string?>("courseId")));
    }
}
