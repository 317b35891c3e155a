using Coursera.ServiceDefaults.Authentication;
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
            async (s, i, caller, ct) => await s.CreateAsync(i, caller, ct));
        Mutation<UpdateCoursePayloadType, UpdateCourseInput, CourseAuthoring>("updateCourse", "Changes the fields given.",
            async (s, i, caller, ct) => await s.UpdateAsync(i, caller, ct));
        Mutation<PublishCoursePayloadType, PublishCourseInput, CourseAuthoring>("publishCourse",
            "Makes a course public; it needs a module holding an item.", async (s, i, caller, ct) => await s.PublishAsync(i, caller, ct));
        Mutation<ArchiveCoursePayloadType, ArchiveCourseInput, CourseAuthoring>("archiveCourse",
            "Hides a course from the public catalog.", async (s, i, caller, ct) => await s.ArchiveAsync(i, caller, ct));
        Mutation<AddModulePayloadType, AddModuleInput, ContentAuthoring>("addModule", null, async (s, i, caller, ct) => await s.AddModuleAsync(i, caller, ct));
        Mutation<MoveModulePayloadType, MoveModuleInput, ContentAuthoring>("moveModule", null, async (s, i, caller, ct) => await s.MoveModuleAsync(i, caller, ct));
        Mutation<RemoveModulePayloadType, RemoveModuleInput, ContentAuthoring>("removeModule", null,
            async (s, i, caller, ct) => await s.RemoveModuleAsync(i, caller, ct));
        Mutation<AddItemPayloadType, AddItemInput, ContentAuthoring>("addItem", null, async (s, i, caller, ct) => await s.AddItemAsync(i, caller, ct));
        Mutation<MoveItemPayloadType, MoveItemInput, ContentAuthoring>("moveItem", null, async (s, i, caller, ct) => await s.MoveItemAsync(i, caller, ct));
        Mutation<UpdateItemPayloadType, UpdateItemInput, ContentAuthoring>("updateItem", null, async (s, i, caller, ct) => await s.UpdateItemAsync(i, caller, ct));
        Mutation<RemoveItemPayloadType, RemoveItemInput, ContentAuthoring>("removeItem", null, async (s, i, caller, ct) => await s.RemoveItemAsync(i, caller, ct));
        Mutation<CreateSpecializationPayloadType, CreateSpecializationInput, SpecializationAuthoring>("createSpecialization", null,
            async (s, i, caller, ct) => await s.CreateAsync(i, caller, ct));
        Mutation<CreateCourseSessionPayloadType, CreateCourseSessionInput, CourseAuthoring>("createCourseSession", null,
            async (s, i, caller, ct) => await s.CreateSessionAsync(i, caller, ct));
    }

    private void Mutation<TPayloadType, TInput, TService>(
        string name, string? description, Func<TService, TInput, Caller, CancellationToken, Task<object?>> resolve)
        where TPayloadType : IGraphType
        where TService : notnull
    {
        Field<NonNullGraphType<TPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<AutoRegisteringInputObjectGraphType<TInput>>>("input")
            .ResolveAsync(async c => await resolve(c.Service<TService>(), c.GetArgument<TInput>("input"), Caller.From(c.User), c.CancellationToken)
                .ConfigureAwait(false));
    }
}
