using GraphQL;
using GraphQL.Types;

namespace Coursera.Catalog.GraphQL.Mutations;

/// <summary>The catalog's mutations: <c>verbNoun(input: VerbNounInput!): VerbNounPayload!</c>.</summary>
public sealed class CatalogMutation : ObjectGraphType
{
    public CatalogMutation()
    {
        Name = "Mutation";
        Mutation<CreateCoursePayloadType, CreateCourseInput, CourseAuthoring>("createCourse", "Creates a draft course.",
            async (s, i, ct) => await s.CreateAsync(i, ct));
        Mutation<UpdateCoursePayloadType, UpdateCourseInput, CourseAuthoring>("updateCourse", "Changes the fields given.",
            async (s, i, ct) => await s.UpdateAsync(i, ct));
        Mutation<PublishCoursePayloadType, PublishCourseInput, CourseAuthoring>("publishCourse",
            "Makes a course public; it needs a module holding an item.", async (s, i, ct) => await s.PublishAsync(i, ct));
        Mutation<ArchiveCoursePayloadType, ArchiveCourseInput, CourseAuthoring>("archiveCourse",
            "Hides a course from the public catalog.", async (s, i, ct) => await s.ArchiveAsync(i, ct));
        Mutation<AddModulePayloadType, AddModuleInput, ContentAuthoring>("addModule", null, async (s, i, ct) => await s.AddModuleAsync(i, ct));
        Mutation<MoveModulePayloadType, MoveModuleInput, ContentAuthoring>("moveModule", null, async (s, i, ct) => await s.MoveModuleAsync(i, ct));
        Mutation<RemoveModulePayloadType, RemoveModuleInput, ContentAuthoring>("removeModule", null,
            async (s, i, ct) => await s.RemoveModuleAsync(i, ct));
        Mutation<AddItemPayloadType, AddItemInput, ContentAuthoring>("addItem", null, async (s, i, ct) => await s.AddItemAsync(i, ct));
        Mutation<MoveItemPayloadType, MoveItemInput, ContentAuthoring>("moveItem", null, async (s, i, ct) => await s.MoveItemAsync(i, ct));
        Mutation<RemoveItemPayloadType, RemoveItemInput, ContentAuthoring>("removeItem", null, async (s, i, ct) => await s.RemoveItemAsync(i, ct));
        Mutation<CreateSpecializationPayloadType, CreateSpecializationInput, SpecializationAuthoring>("createSpecialization", null,
            async (s, i, ct) => await s.CreateAsync(i, ct));
        Mutation<CreateCourseSessionPayloadType, CreateCourseSessionInput, CourseAuthoring>("createCourseSession", null,
            async (s, i, ct) => await s.CreateSessionAsync(i, ct));
    }

    private void Mutation<TPayloadType, TInput, TService>(
        string name, string? description, Func<TService, TInput, CancellationToken, Task<object?>> resolve)
        where TPayloadType : IGraphType
        where TService : notnull
    {
        Field<NonNullGraphType<TPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<AutoRegisteringInputObjectGraphType<TInput>>>("input")
            .ResolveAsync(async c => await resolve(c.Service<TService>(), c.GetArgument<TInput>("input"), c.CancellationToken)
                .ConfigureAwait(false));
    }
}
